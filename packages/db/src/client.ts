import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient, type Prisma } from "./generated/prisma/client.ts";

export type Db = PrismaClient;

// Each client's own pool, for preparedQuery.
const pools = new WeakMap<Db, pg.Pool>();

export function createDb(url: string, options: { max?: number } = {}): Db {
  const pool = new pg.Pool({ connectionString: url, max: options.max ?? 10 });
  // An idle connection the server dropped (a restart, an outage) is replaced on next use; it is no reason to crash.
  pool.on("error", () => {});
  // The pool outlives $disconnect (Prisma reconnects through it on next use); idle connections close after 10 s.
  const db = new PrismaClient({ adapter: new PrismaPg(pool) });
  pools.set(db, pool);
  return db;
}

/**
 * A statement the hot paths run all the time (a conversation page, a message by id, writing a message), as a named
 * prepared statement on the client's own pool: PostgreSQL parses and plans it once per connection, and Prisma's query
 * pipeline is skipped (issue 11's profile). `name` must stand for one SQL text. Inside a transaction (`db` is then a
 * transaction client) it runs there as a raw query.
 */
export async function preparedQuery<T>(db: Db | Prisma.TransactionClient, name: string, query: Prisma.Sql): Promise<T[]> {
  const pool = pools.get(db as Db);
  if (!pool) return db.$queryRaw<T[]>(query);
  const result = await pool.query({ name, text: query.text, values: query.values });
  return result.rows as T[];
}

const globalForDb = globalThis as { helpdeskDb?: Db };

/** The process-wide client for DATABASE_URL, created on first use (kept across dev hot reloads). */
export function getDb(): Db {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set");
  globalForDb.helpdeskDb ??= createDb(url);
  return globalForDb.helpdeskDb;
}
