// A fresh, migrated PostgreSQL database for one test run: a new database on DATABASE_URL's server when it is set,
// otherwise a throwaway embedded server. Nothing is mocked.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { freePort, startEmbeddedPostgres } from "./embedded.ts";
import { applyMigrations } from "./migrate.ts";

export interface TestDatabase {
  url: string;
  stop(): Promise<void>;
}

export async function createTestDatabase(label = "test", options = { migrate: true }): Promise<TestDatabase> {
  const name = `helpdesk_${label.replace(/\W/g, "_")}_${process.pid}_${Date.now()}`;
  const database = process.env.DATABASE_URL
    ? await createDatabaseOn(process.env.DATABASE_URL, name)
    : await startThrowawayServer(name);
  if (options.migrate) await applyMigrations(database.url);
  return database;
}

async function createDatabaseOn(serverUrl: string, name: string): Promise<TestDatabase> {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    stop: async () => {
      const client = new pg.Client({ connectionString: serverUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await client.end();
    },
  };
}

async function startThrowawayServer(name: string): Promise<TestDatabase> {
  const dir = await mkdtemp(path.join(tmpdir(), "helpdesk-pg-"));
  const server = await startEmbeddedPostgres({ dir, port: await freePort(), database: name, persistent: false });
  return {
    url: server.url,
    stop: async () => {
      await server.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
