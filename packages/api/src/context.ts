import { authenticate, sessionClaimsFrom, type SessionUser } from "@helpdesk/auth";
import type { Db } from "@helpdesk/db";
import { budgetKey, spendAsSessionUser, spendRequestBudget, type BudgetState } from "./limits/request-budget.ts";

export interface Context {
  db: Db;
  user: SessionUser | null;
  /** The request's headers, for procedures that read transport facts such as Idempotency-Key. */
  headers: Headers;
  /** The door: the REST API, or the console's tRPC endpoint; recorded as the `source` of the messages it creates. */
  source: RequestSource;
}

export type RequestSource = "api" | "console";

export async function createContext({ db, headers, source = "api" }: { db: Db; headers: Headers; source?: RequestSource }): Promise<Context> {
  const { user } = await authenticate(db, headers);
  return { db, user, headers, source };
}

/**
 * The context of a request at either door, with `calls` units of the caller's request budget spent: the user's
 * (re-read in the same round trip) when the session holds, else the client address's.
 */
export async function createBudgetedContext(
  { db, headers, source }: { db: Db; headers: Headers; source: RequestSource },
  calls: number,
  perMinute: number,
): Promise<{ ctx: Context; budget: BudgetState }> {
  const claims = await sessionClaimsFrom(headers);
  const session = claims && claims !== "missing" ? await spendAsSessionUser(db, claims, calls, perMinute) : null;
  if (session) return { ctx: { db, user: session.user, headers, source }, budget: session.budget };
  return { ctx: { db, user: null, headers, source }, budget: await spendRequestBudget(db, budgetKey(null, headers), calls, perMinute) };
}
