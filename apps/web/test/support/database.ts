// A PostgreSQL server of a test's own that it can stop and start again (an outage), on a fixed port and a
// persistent directory so that the data and the URL survive the restart.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { applyMigrations, type EmbeddedDatabase, freePort, startEmbeddedPostgres } from "@helpdesk/db/server";

export interface RestartableDatabase {
  url: string;
  /** Stops the server: clients' connections are cut and new ones refused. */
  stop(): Promise<void>;
  start(): Promise<void>;
  /** Stops it and removes its files. */
  destroy(): Promise<void>;
}

export async function startRestartableDatabase(): Promise<RestartableDatabase> {
  const dir = await mkdtemp(path.join(tmpdir(), "helpdesk-fault-pg-"));
  const options = { dir, port: await freePort(), database: "helpdesk_fault", persistent: true };
  let running: EmbeddedDatabase | undefined = await startEmbeddedPostgres(options);
  await applyMigrations(running.url);
  const url = running.url;
  return {
    url,
    async stop() {
      await running?.stop();
      running = undefined;
    },
    async start() {
      running = await startEmbeddedPostgres(options);
    },
    async destroy() {
      await running?.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
