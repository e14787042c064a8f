// Session tokens are next-auth's own JWTs (encrypted JWE), so the browser cookie and a REST Bearer token are the
// same thing and one verifier serves both.
import { createHash } from "node:crypto";
import { decode, encode, type JWT } from "next-auth/jwt";
import { LruMap } from "./lru.ts";
import { getAuthSecret } from "./secret.ts";

export const SESSION_MAX_AGE_SECONDS = 30 * 24 * 60 * 60;
export const SESSION_COOKIE_NAMES = ["__Secure-next-auth.session-token", "next-auth.session-token"];

export interface SessionClaims {
  userId: string;
  /** The user's sessionVersion when the token was issued; signing out everywhere bumps it. */
  sessionVersion: number;
}

export function toJwtClaims(claims: SessionClaims): JWT {
  return { sub: claims.userId, sv: claims.sessionVersion };
}

export async function issueSessionToken(claims: SessionClaims): Promise<{ token: string; expiresAt: Date }> {
  const token = await encode({ token: toJwtClaims(claims), secret: getAuthSecret(), maxAge: SESSION_MAX_AGE_SECONDS });
  return { token, expiresAt: new Date(Date.now() + SESSION_MAX_AGE_SECONDS * 1000) };
}

/**
 * Tokens verified lately, by a hash of (secret, token), until the token's own expiry. Decrypting one (an HKDF key
 * derivation and an AES decryption) is the costliest step of a signed-in request, and a client sends the same token
 * all day. 10,000 tokens are ~2 MB. Only valid tokens are kept: a failed verdict is never cached, so a flood of
 * garbage (each one different) cannot push the real users' tokens out.
 */
const VERIFIED_TOKENS = 10_000;
const verified = new LruMap<string, { claims: SessionClaims; expiresAtMs: number }>(VERIFIED_TOKENS);

/** The claims of a valid, unexpired token of ours; null for anything else (garbage, tampered, foreign key, expired). */
export async function readSessionToken(token: string): Promise<SessionClaims | null> {
  const secret = getAuthSecret();
  const key = createHash("sha256").update(secret).update("\n").update(token).digest("base64url");
  const known = verified.get(key);
  if (known && known.expiresAtMs > Date.now()) return known.claims;
  if (known) verified.delete(key);
  const claims = await decodeSessionToken(token, secret);
  if (claims) verified.set(key, claims);
  return claims?.claims ?? null;
}

async function decodeSessionToken(token: string, secret: string): Promise<{ claims: SessionClaims; expiresAtMs: number } | null> {
  try {
    const payload = await decode({ token, secret });
    // next-auth always sets `exp`: a token without one is not one of ours.
    if (!payload || typeof payload.sub !== "string" || typeof payload.sv !== "number" || typeof payload.exp !== "number") return null;
    if (payload.exp * 1000 <= Date.now()) return null;
    return { claims: { userId: payload.sub, sessionVersion: payload.sv }, expiresAtMs: payload.exp * 1000 };
  } catch {
    return null;
  }
}
