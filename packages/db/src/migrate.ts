// Prisma migrations without the downloaded schema-engine binary: the official WASM build of the same engine,
// driven through @prisma/adapter-pg. Folders, migration_lock.toml and `_prisma_migrations` stay Prisma's own,
// so `prisma migrate deploy` keeps working wherever the binary exists.
import { readdir, readFile, mkdir, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { PrismaPg } from "@prisma/adapter-pg";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import type { MigrationList, SchemaEngine } from "@prisma/schema-engine-wasm";
import pg from "pg";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
export const schemaPath = path.join(repoRoot, "prisma/schema.prisma");
export const migrationsDir = path.join(repoRoot, "prisma/migrations");
const noFilters = { externalTables: [], externalEnums: [] };
// Any constant shared by every instance: pg_advisory_lock keys are global to the database.
const MIGRATION_LOCK_KEY = 72_770_001;

interface Engine {
  engine: SchemaEngine;
  close(): Promise<void>;
}

type EngineBindings = typeof import("@prisma/schema-engine-wasm");
let bindingsPromise: Promise<EngineBindings> | undefined;

// Node 20 cannot `import` a .wasm file, so instantiate the wasm-bindgen module by hand, once per process:
// its glue caches views of the instance's memory.
function loadBindings(): Promise<EngineBindings> {
  bindingsPromise ??= (async () => {
    // The engine reports a panic's message here before it throws.
    (globalThis as { PRISMA_WASM_PANIC_REGISTRY?: unknown }).PRISMA_WASM_PANIC_REGISTRY ??= {
      set_message: (message: string) => console.error(`schema engine panic: ${message}`),
    };
    const require = createRequire(import.meta.url);
    const bgPath = require.resolve("@prisma/schema-engine-wasm/schema_engine_bg");
    const bindings = await import(bgPath);
    const bytes = await readFile(bgPath.replace(/\.js$/, ".wasm"));
    const { instance } = await WebAssembly.instantiate(bytes, { "./schema_engine_bg.js": bindings });
    bindings.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
    return bindings;
  })();
  return bindingsPromise;
}

async function loadEngine(url: string): Promise<Engine> {
  const bindings = await loadBindings();
  const schema = await readFile(schemaPath, "utf8");
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  const adapter = bindMigrationAwareSqlAdapterFactory(new PrismaPg(pool));
  const engine: SchemaEngine = await bindings.SchemaEngine.new({ datamodels: [[schemaPath, schema]] }, () => {}, adapter);
  return {
    engine,
    close: async () => {
      engine.free();
      await pool.end();
    },
  };
}

/** Runs `use` against a new empty database beside `url`'s, dropped afterwards: the engine's shadow database. */
async function withScratchDatabase<T>(url: string, use: (scratchUrl: string) => Promise<T>): Promise<T> {
  const name = `helpdesk_shadow_${process.pid}_${Date.now()}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  try {
    const scratch = new URL(url);
    scratch.pathname = `/${name}`;
    return await use(scratch.toString());
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.end();
  }
}

export async function readMigrations(): Promise<MigrationList> {
  const names = (await readdir(migrationsDir, { withFileTypes: true }))
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  const migrationDirectories = await Promise.all(
    names.map(async (name) => ({
      path: name,
      migrationFile: {
        path: "migration.sql",
        content: { tag: "ok" as const, value: await readFile(path.join(migrationsDir, name, "migration.sql"), "utf8") },
      },
    })),
  );
  const lockPath = path.join(migrationsDir, "migration_lock.toml");
  const lockContent = await readFile(lockPath, "utf8").catch(() => null);
  return {
    baseDir: migrationsDir,
    lockfile: { path: "migration_lock.toml", content: lockContent },
    shadowDbInitScript: "",
    migrationDirectories,
  };
}

/** Applies pending migrations; concurrent callers on one database wait for each other. */
export async function applyMigrations(url: string): Promise<string[]> {
  const lockClient = new pg.Client({ connectionString: url });
  await lockClient.connect();
  try {
    await lockClient.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK_KEY]);
    const { engine, close } = await loadEngine(url);
    try {
      const { appliedMigrationNames } = await engine.applyMigrations({
        migrationsList: await readMigrations(),
        filters: noFilters,
      });
      return appliedMigrationNames;
    } finally {
      await close();
    }
  } finally {
    await lockClient.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK_KEY]).catch(() => {});
    await lockClient.end();
  }
}

/** Migration folders not (successfully) applied to the database yet: readiness wants none. */
export async function unappliedMigrations(query: (sql: string) => Promise<{ rows: { name: string }[] }>): Promise<string[]> {
  migrationNames ??= readdir(migrationsDir, { withFileTypes: true }).then((entries) =>
    entries.filter((entry) => entry.isDirectory()).map((entry) => entry.name),
  );
  const { rows } = await query(
    `SELECT migration_name AS name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
  );
  const applied = new Set(rows.map((row) => row.name));
  return (await migrationNames).filter((name) => !applied.has(name));
}
let migrationNames: Promise<string[]> | undefined;

/** The SQL that would bring the migrations up to schema.prisma; empty when they agree. */
export async function pendingSchemaChanges(url: string): Promise<string> {
  return withScratchDatabase(url, async (scratchUrl) => {
  const { engine, close } = await loadEngine(scratchUrl);
  try {
    const schema = await readFile(schemaPath, "utf8");
    const migrations = await readMigrations();
    const { stdout } = await engine.diff({
      from: migrations.migrationDirectories.length ? { tag: "migrations", ...migrations } : { tag: "empty" },
      to: { tag: "schemaDatamodel", files: [{ path: schemaPath, content: schema }] },
      script: true,
      exitCode: null,
      filters: noFilters,
    });
    const sql = (stdout ?? "").trim();
    return sql === "-- This is an empty migration." ? "" : sql;
  } finally {
    await close();
  }
  });
}

/** Writes prisma/migrations/<timestamp>_<name>/migration.sql from the schema's difference, if any. */
export async function createMigration(url: string, name: string): Promise<string | null> {
  const sql = await pendingSchemaChanges(url);
  if (!sql) return null;
  const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
  const folder = path.join(migrationsDir, `${stamp}_${name.replace(/\W+/g, "_")}`);
  await mkdir(folder, { recursive: true });
  await writeFile(path.join(folder, "migration.sql"), `${sql}\n`);
  return folder;
}
