// Session tokens are next-auth's own JWTs (encrypted JWE), so the browser cookie and a REST Bearer token are the
// same thing and one verifier serves both.
import { decode, encode, type JWT } from "next-auth/jwt";
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

/** The claims of a valid, unexpired token of ours; null for anything else (garbage, tampered, foreign key, expired). */
export async function readSessionToken(token: string): Promise<SessionClaims | null> {
  try {
    const payload = await decode({ token, secret: getAuthSecret() });
    if (!payload || typeof payload.sub !== "string" || typeof payload.sv !== "number") return null;
    if (typeof payload.exp === "number" && payload.exp * 1000 <= Date.now()) return null;
    return { userId: payload.sub, sessionVersion: payload.sv };
  } catch {
    return null;
  }
}
