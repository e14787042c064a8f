import { createHash } from "node:crypto";
import type { Db } from "@helpdesk/db";
import { RateLimiterPrisma, RateLimiterRes } from "rate-limiter-flexible";
import { verifyAgainstNothing, verifyPassword } from "./password.ts";
import type { SessionUser } from "./authenticate.ts";
import { sessionUsers } from "./session-users.ts";

/** Failed sign-ins allowed for one email from one client address per window (CONTRACT §2). */
export const MAX_FAILED_SIGN_INS = 10;
/**
 * Failed sign-ins allowed for one email from all addresses together per window: ten addresses' worth of the
 * per-address limit, so one stranger (or a few) cannot lock the owner out, while a botnet's guesses on one account
 * stay under 100 every 15 minutes (under 10,000 a day), hopeless against any password that is not a common one.
 */
export const MAX_FAILED_SIGN_INS_PER_EMAIL = 100;
export const FAILED_SIGN_IN_WINDOW_SECONDS = 15 * 60;

export type SignInResult =
  | { ok: true; user: SessionUser }
  | { ok: false; reason: "invalid_credentials" }
  | { ok: false; reason: "rate_limited"; retryAfterSeconds: number };

interface SignInLimiters {
  perAddress: RateLimiterPrisma;
  perEmail: RateLimiterPrisma;
}

const limiters = new WeakMap<Db, SignInLimiters>();

// Counted in PostgreSQL, so every server instance sees the same counts.
function signInLimiters(db: Db): SignInLimiters {
  let found = limiters.get(db);
  if (!found) {
    const limiter = (keyPrefix: string, points: number) =>
      new RateLimiterPrisma({
        storeClient: db, tableName: "rateLimit", keyPrefix, points, duration: FAILED_SIGN_IN_WINDOW_SECONDS, clearExpiredByTimeout: false,
      });
    found = { perAddress: limiter("sign-in-address", MAX_FAILED_SIGN_INS), perEmail: limiter("sign-in-email", MAX_FAILED_SIGN_INS_PER_EMAIL) };
    limiters.set(db, found);
  }
  return found;
}

// Hashed, so that any email and address fit the key column (VARCHAR(255)).
const keyOf = (...parts: string[]) => createHash("sha256").update(parts.join("\n")).digest("base64url");

/** `clientAddress` is where the attempt came from, as the front door decided it. */
export async function signIn(db: Db, email: string, password: string, clientAddress: string): Promise<SignInResult> {
  const normalized = email.trim().toLowerCase();
  const { perAddress, perEmail } = signInLimiters(db);
  const addressKey = keyOf(clientAddress, normalized);
  const emailKey = keyOf(normalized);
  // Every attempt takes its points before the password is checked, so parallel guesses cannot all slip under the
  // limits. The address's point comes first: an address already refused spends none of the email's ceiling, so
  // hammering from one address cannot lock the owner out from theirs.
  try {
    await perAddress.consume(addressKey);
  } catch (rejection) {
    return refused(rejection);
  }
  try {
    await perEmail.consume(emailKey);
  } catch (rejection) {
    // Not tried, so not held against this address once the email's ceiling lifts.
    await perAddress.reward(addressKey, 1);
    return refused(rejection);
  }
  const user = await db.user.findUnique({
    where: { email: normalized },
    select: { id: true, email: true, name: true, role: true, active: true, sessionVersion: true, passwordHash: true },
  });
  const valid = user?.active ? await verifyPassword(user.passwordHash, password) : await verifyAgainstNothing(password);
  if (!user || !valid) return { ok: false, reason: "invalid_credentials" };
  // The right password clears this address's failures, and its own attempt was no failure.
  await Promise.all([perAddress.delete(addressKey), perEmail.reward(emailKey, 1)]);
  const { passwordHash: _hash, active: _active, ...sessionUser } = user;
  return { ok: true, user: sessionUser };
}

function refused(rejection: unknown): SignInResult {
  if (!(rejection instanceof RateLimiterRes)) throw rejection;
  return { ok: false, reason: "rate_limited", retryAfterSeconds: Math.max(Math.ceil(rejection.msBeforeNext / 1000), 1) };
}

/** Signs the user out everywhere: every token issued before now stops working. */
export async function revokeSessions(db: Db, userId: string): Promise<void> {
  await db.user.update({ where: { id: userId }, data: { sessionVersion: { increment: 1 } } });
  // The next request on this instance must see it; the trigger's notification tells the other instances.
  sessionUsers.forget(userId);
}
