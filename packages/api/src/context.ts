import { authenticate, loadSessionUser, sessionClaimsFrom, type SessionUser } from "@helpdesk/auth";
import type { Db } from "@helpdesk/db";
import { processListener } from "./events/bus.ts";
import { budgetKey, spendRequestBudget, type BudgetState } from "./limits/request-budget.ts";

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
 * The context of a request at either door, with `calls` units of the caller's request budget spent: the user's when
 * the session holds, else the client address's (a revoked token cannot drain its user's budget). In the steady state
 * this costs no database round trip: the token's verdict, the user's row and the budget are all kept in memory.
 */
export async function createBudgetedContext(
  { db, headers, source }: { db: Db; headers: Headers; source: RequestSource },
  calls: number,
  perMinute: number,
): Promise<{ ctx: Context; budget: BudgetState }> {
  // The session-user cache serves rows only while this listener is connected: start it with the first request.
  processListener();
  const claims = await sessionClaimsFrom(headers);
  const user = claims && claims !== "missing" ? await loadSessionUser(db, claims) : null;
  const budget = await spendRequestBudget(db, budgetKey(user, headers), calls, perMinute);
  return { ctx: { db, user, headers, source }, budget };
}
