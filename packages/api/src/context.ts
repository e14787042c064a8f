import { authenticate, type SessionUser } from "@helpdesk/auth";
import type { Db } from "@helpdesk/db";

export interface Context {
  db: Db;
  user: SessionUser | null;
  /** The request's headers, for procedures that read transport facts such as Idempotency-Key. */
  headers: Headers;
}

export async function createContext({ db, headers }: { db: Db; headers: Headers }): Promise<Context> {
  const { user } = await authenticate(db, headers);
  return { db, user, headers };
}
