import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./generated/prisma/client.ts";

export type Db = PrismaClient;

export function createDb(url: string, options: { max?: number } = {}): Db {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString: url, max: options.max ?? 10 }) });
}

const globalForDb = globalThis as { helpdeskDb?: Db };

/** The process-wide client for DATABASE_URL, created on first use (kept across dev hot reloads). */
export function getDb(): Db {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set");
  globalForDb.helpdeskDb ??= createDb(url);
  return globalForDb.helpdeskDb;
}
