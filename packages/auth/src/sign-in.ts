import type { Db } from "@helpdesk/db";
import { RateLimiterPrisma, RateLimiterRes } from "rate-limiter-flexible";
import { verifyAgainstNothing, verifyPassword } from "./password.ts";
import type { SessionUser } from "./authenticate.ts";

export const MAX_FAILED_SIGN_INS = 10;
export const FAILED_SIGN_IN_WINDOW_SECONDS = 15 * 60;

export type SignInResult =
  | { ok: true; user: SessionUser }
  | { ok: false; reason: "invalid_credentials" }
  | { ok: false; reason: "rate_limited"; retryAfterSeconds: number };

const limiters = new WeakMap<Db, RateLimiterPrisma>();

// Failed attempts per email, counted in PostgreSQL so every server instance sees the same count.
function failedSignIns(db: Db): RateLimiterPrisma {
  let limiter = limiters.get(db);
  if (!limiter) {
    limiter = new RateLimiterPrisma({
      storeClient: db,
      tableName: "rateLimit",
      keyPrefix: "sign-in",
      points: MAX_FAILED_SIGN_INS,
      duration: FAILED_SIGN_IN_WINDOW_SECONDS,
      clearExpiredByTimeout: false,
    });
    limiters.set(db, limiter);
  }
  return limiter;
}

export async function signIn(db: Db, email: string, password: string): Promise<SignInResult> {
  const key = email.trim().toLowerCase();
  // Every attempt takes a point before the password is checked, so parallel guesses cannot all slip under the
  // limit; a successful sign-in gives the points back.
  try {
    await failedSignIns(db).consume(key);
  } catch (rejection) {
    if (!(rejection instanceof RateLimiterRes)) throw rejection;
    return { ok: false, reason: "rate_limited", retryAfterSeconds: Math.ceil(rejection.msBeforeNext / 1000) };
  }
  const user = await db.user.findUnique({
    where: { email: key },
    select: { id: true, email: true, name: true, role: true, active: true, sessionVersion: true, passwordHash: true },
  });
  const valid = user?.active ? await verifyPassword(user.passwordHash, password) : await verifyAgainstNothing(password);
  if (!user || !valid) return { ok: false, reason: "invalid_credentials" };
  await failedSignIns(db).delete(key);
  const { passwordHash: _hash, active: _active, ...sessionUser } = user;
  return { ok: true, user: sessionUser };
}

/** Signs the user out everywhere: every token issued before now stops working. */
export async function revokeSessions(db: Db, userId: string): Promise<void> {
  await db.user.update({ where: { id: userId }, data: { sessionVersion: { increment: 1 } } });
}
