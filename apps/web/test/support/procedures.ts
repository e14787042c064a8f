// The tRPC router and the REST route table as data, so the fuzzer and the authorization matrix are generated from
// them: a new procedure or route is covered (or flagged) without anyone editing the tests.
import { appRouter } from "@helpdesk/api";
import { type Route, routes } from "@helpdesk/rest";
import type { z } from "zod";

export type ProcedureType = "query" | "mutation" | "subscription";

export interface Procedure {
  path: string;
  type: ProcedureType;
  /** The zod schema the procedure parses its input with, when it takes one. */
  input?: z.ZodType;
}

interface ProcedureDef {
  _def: { type: ProcedureType; inputs: z.ZodType[] };
}

export const procedures: Procedure[] = Object.entries(appRouter._def.procedures as unknown as Record<string, ProcedureDef>).map(
  ([path, procedure]) => ({ path, type: procedure._def.type, input: procedure._def.inputs[0] }),
);

/**
 * The procedure a route runs, found by calling the route with a caller that only records which procedure was asked
 * for. Null for a route that runs none (the API document).
 */
export function procedureOf(route: Route): string | null {
  let called: string | null = null;
  const recorder = (segments: string[]): unknown =>
    new Proxy(() => undefined, {
      get: (_, key) => recorder([...segments, String(key)]),
      apply: () => {
        called = segments.join(".");
        return Promise.resolve(undefined);
      },
    });
  void route.call(recorder([]) as Parameters<Route["call"]>[0], {});
  return called;
}

export { routes };
export type { Route };
