// The per-user request budget that REST and tRPC share (CONTRACT §4), kept in PostgreSQL so that every server
// instance spends from the same count, and counted in memory between flushes so that spending it costs a request no
// round trip (budget-ledger.ts: one instance is exact; several may overshoot by one flush interval's worth).
import type { SessionUser } from "@helpdesk/auth";
import type { Db } from "@helpdesk/db";
import { AppError } from "../errors.ts";
import { BudgetLedger, type Spent } from "./budget-ledger.ts";
import { clientAddress } from "./client-address.ts";

const WINDOW_SECONDS = 60;

/** Whose budget a request spends: its user's, or its client address's when signed out. */
export function budgetKey(user: Pick<SessionUser, "id"> | null, headers: Headers): string {
  return user ? `requests:user:${user.id}` : `requests:address:${clientAddress(headers)}`;
}

export interface BudgetState {
  /** X-RateLimit-Limit, -Remaining and -Reset, for every answer. */
  headers: Record<string, string>;
  /** Set when the budget is spent: RATE_LIMIT_EXCEEDED, its details carrying retryAfterSeconds. */
  refusal?: AppError;
}

const ledgers = new WeakMap<Db, BudgetLedger>();

/** The ledger of this process for `db`: one per database client, shared by every handler that uses it. */
export function budgetLedger(db: Db): BudgetLedger {
  let ledger = ledgers.get(db);
  if (!ledger) {
    ledger = new BudgetLedger(db, WINDOW_SECONDS);
    ledgers.set(db, ledger);
  }
  return ledger;
}

/** Spends `calls` units of `key`'s budget (a tRPC batch spends one per call). */
export async function spendRequestBudget(db: Db, key: string, calls: number, perMinute: number): Promise<BudgetState> {
  return budgetState(await budgetLedger(db).spend(key, calls), perMinute);
}

function budgetState({ spent, msLeft }: Spent, perMinute: number): BudgetState {
  const headers = {
    "x-ratelimit-limit": String(perMinute),
    "x-ratelimit-remaining": String(Math.max(perMinute - spent, 0)),
    "x-ratelimit-reset": String(Math.ceil((Date.now() + msLeft) / 1000)),
  };
  if (spent <= perMinute) return { headers };
  const retryAfterSeconds = Math.max(Math.ceil(msLeft / 1000), 1);
  return { headers, refusal: new AppError("RATE_LIMIT_EXCEEDED", "Too many requests. Slow down and retry later.", { retryAfterSeconds }) };
}
