// The per-user request budget that REST and tRPC share (CONTRACT §4), kept in PostgreSQL so that every server
// instance spends from the same count.
import type { SessionClaims, SessionUser } from "@helpdesk/auth";
import { Prisma, type Db } from "@helpdesk/db";
import { AppError } from "../errors.ts";
import { clientAddress } from "./client-address.ts";

const WINDOW_SECONDS = 60;

const USER_KEY_PREFIX = "requests:user:";

/** Whose budget a request spends: its user's, or its client address's when signed out. */
export function budgetKey(user: Pick<SessionUser, "id"> | null, headers: Headers): string {
  return user ? `${USER_KEY_PREFIX}${user.id}` : `requests:address:${clientAddress(headers)}`;
}

export interface BudgetState {
  /** X-RateLimit-Limit, -Remaining and -Reset, for every answer. */
  headers: Record<string, string>;
  /** Set when the budget is spent: RATE_LIMIT_EXCEEDED, its details carrying retryAfterSeconds. */
  refusal?: AppError;
}

interface SpentRow {
  spent: number;
  msLeft: number;
}

/**
 * The statement that spends a budget, for rows of (key, points, expire) from `source`: a fixed one-minute window
 * per key, started by its first request and restarted by the first one after it ends. Calls over the budget still
 * count, so hammering does not earn a fresh window sooner.
 */
function spend(source: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`
    INSERT INTO "RateLimit" ("key", "points", "expire") ${source}
    ON CONFLICT ("key") DO UPDATE SET
      "points" = CASE WHEN "RateLimit"."expire" > now() THEN "RateLimit"."points" + EXCLUDED."points" ELSE EXCLUDED."points" END,
      "expire" = CASE WHEN "RateLimit"."expire" > now() THEN "RateLimit"."expire" ELSE EXCLUDED."expire" END
    RETURNING "points" AS "spent", GREATEST(CEIL(EXTRACT(EPOCH FROM "expire" - now()) * 1000), 0)::int AS "msLeft"`;
}

const windowEnd = Prisma.sql`now() + make_interval(secs => ${WINDOW_SECONDS})`;

/** Spends `calls` units of `key`'s budget in one statement (one round trip, on the hot path of every request). */
export async function spendRequestBudget(db: Db, key: string, calls: number, perMinute: number): Promise<BudgetState> {
  const [row] = await db.$queryRaw<SpentRow[]>(spend(Prisma.sql`VALUES (${key}, ${calls}, ${windowEnd})`));
  return budgetState(row as SpentRow, perMinute);
}

/**
 * The session's user re-read (active, same session version) and its budget spent, in one round trip: the two
 * things every signed-in request needs before anything else. Null when the session no longer holds, and then
 * nothing is spent from that user's budget (a revoked token cannot drain it).
 */
export async function spendAsSessionUser(
  db: Db,
  claims: SessionClaims,
  calls: number,
  perMinute: number,
): Promise<{ user: SessionUser; budget: BudgetState } | null> {
  const [row] = await db.$queryRaw<(SessionUser & SpentRow)[]>(Prisma.sql`
    WITH token_user AS (
      SELECT id, email, name, role, "sessionVersion" FROM "User"
      WHERE id = ${claims.userId} AND active AND "sessionVersion" = ${claims.sessionVersion}
    ), spent AS (${spend(Prisma.sql`SELECT ${USER_KEY_PREFIX}::text || id, ${calls}::int, ${windowEnd} FROM token_user`)})
    SELECT u.id, u.email, u.name, u.role::text AS role, u."sessionVersion", spent."spent", spent."msLeft" FROM token_user u, spent`);
  if (!row) return null;
  const { spent, msLeft, ...user } = row;
  return { user, budget: budgetState({ spent, msLeft }, perMinute) };
}

function budgetState({ spent, msLeft }: SpentRow, perMinute: number): BudgetState {
  const headers = {
    "x-ratelimit-limit": String(perMinute),
    "x-ratelimit-remaining": String(Math.max(perMinute - spent, 0)),
    "x-ratelimit-reset": String(Math.ceil((Date.now() + msLeft) / 1000)),
  };
  if (spent <= perMinute) return { headers };
  const retryAfterSeconds = Math.max(Math.ceil(msLeft / 1000), 1);
  return { headers, refusal: new AppError("RATE_LIMIT_EXCEEDED", "Too many requests. Slow down and retry later.", { retryAfterSeconds }) };
}
