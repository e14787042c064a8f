import type { Db, Role } from "@helpdesk/db";
import { type SessionUserCache, sessionUsers } from "./session-users.ts";
import { readSessionToken, SESSION_COOKIE_NAMES, type SessionClaims } from "./tokens.ts";

export interface SessionUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  sessionVersion: number;
}

export type Authentication = { user: SessionUser } | { user: null; reason: "missing" | "invalid" };

/** The token a request carries: `Authorization: Bearer …` first, else the next-auth session cookie. */
export function sessionTokenFrom(headers: Headers): string | null | "malformed" {
  const authorization = headers.get("authorization");
  if (authorization !== null) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    return match?.[1] ?? "malformed";
  }
  const cookies = headers.get("cookie");
  if (!cookies) return null;
  for (const part of cookies.split(";")) {
    const [name, ...value] = part.trim().split("=");
    if (name && SESSION_COOKIE_NAMES.includes(name)) return decodeCookie(value.join("="));
  }
  return null;
}

function decodeCookie(value: string): string | "malformed" {
  try {
    return decodeURIComponent(value);
  } catch {
    return "malformed";
  }
}

/**
 * Who is asking. The token only names a user and a session version: role and active state come from the user's row
 * (through the instance's cache, which every change to the row invalidates), so a role change or deactivation takes
 * effect on the next request.
 */
export async function authenticate(db: Db, headers: Headers): Promise<Authentication> {
  const claims = await sessionClaimsFrom(headers);
  if (claims === "missing") return { user: null, reason: "missing" };
  const user = claims && (await loadSessionUser(db, claims));
  return user ? { user } : { user: null, reason: "invalid" };
}

/** What the request's token claims, before the database is asked: null for a token that is not a valid one of ours. */
export async function sessionClaimsFrom(headers: Headers): Promise<SessionClaims | null | "missing"> {
  const token = sessionTokenFrom(headers);
  if (token === null) return "missing";
  return token === "malformed" ? null : readSessionToken(token);
}

/** The token's user if it is still active and the token was not revoked since. */
export async function loadSessionUser(db: Db, claims: SessionClaims, cache: SessionUserCache = sessionUsers): Promise<SessionUser | null> {
  const user = await cache.read(db, claims.userId);
  if (!user?.active || user.sessionVersion !== claims.sessionVersion) return null;
  const { id, email, name, role, sessionVersion } = user;
  return { id, email, name, role, sessionVersion };
}
