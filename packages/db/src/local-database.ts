// DATABASE_URL when set; otherwise the embedded PostgreSQL under <repo>/.data/postgres, started for the caller.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { startEmbeddedPostgres, type EmbeddedDatabase } from "./embedded.ts";

export const dataDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../.data");
export const EMBEDDED_PORT = Number(process.env.HELPDESK_EMBEDDED_PG_PORT ?? 54329);

export async function startLocalDatabase(): Promise<EmbeddedDatabase> {
  if (process.env.DATABASE_URL) return { url: process.env.DATABASE_URL, stop: async () => {} };
  return startEmbeddedPostgres({
    dir: path.join(dataDir, "postgres"),
    port: EMBEDDED_PORT,
    database: "helpdesk",
    persistent: true,
  });
}

export async function withDatabaseUrl<T>(run: (url: string) => Promise<T>): Promise<T> {
  const database = await startLocalDatabase();
  try {
    return await run(database.url);
  } finally {
    await database.stop();
  }
}
