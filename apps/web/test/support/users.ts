// Users and session tokens for whole-server tests, made the way an operator and an API client would.
import { randomUUID } from "node:crypto";
import { hashPassword } from "@helpdesk/auth";
import { createDb, type Db, newId, type Role } from "@helpdesk/db";

export const PASSWORD = "correct horse battery staple";

const clients = new Map<string, Db>();

/** One Prisma client per database for the whole test file (closed by the process's exit). */
export function dbFor(databaseUrl: string): Db {
  let db = clients.get(databaseUrl);
  if (!db) clients.set(databaseUrl, (db = createDb(databaseUrl, { max: 3 })));
  return db;
}

export async function createUser(databaseUrl: string, role: Role) {
  const email = `${role}-${randomUUID()}@example.test`;
  return dbFor(databaseUrl).user.create({
    data: { id: newId("usr"), email, name: `Test ${role}`, role, passwordHash: await hashPassword(PASSWORD) },
  });
}

/** A session token from POST /auth/session, as an API client gets one. */
export async function signIn(baseUrl: string, email: string, password = PASSWORD): Promise<string> {
  const response = await fetch(`${baseUrl}/helpdesk/api/auth/session`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password }),
  });
  if (response.status !== 201) throw new Error(`sign-in failed: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { token: string }).token;
}
