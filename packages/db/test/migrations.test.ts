import { afterAll, beforeAll, describe, expect, it } from "vitest";
import pg from "pg";
import { applyMigrations, pendingSchemaChanges } from "../src/migrate.ts";
import { createTestDatabase, type TestDatabase } from "../src/testing.ts";

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase("migrations");
}, 60_000);
afterAll(() => database?.stop());

describe("migrations", () => {
  it("agree with schema.prisma (run `pnpm db:migrate:new <name>` when this fails)", async () => {
    expect(await pendingSchemaChanges(database.url)).toBe("");
  });

  it("are recorded in Prisma's _prisma_migrations table and re-applying is a no-op", async () => {
    expect(await applyMigrations(database.url)).toEqual([]);
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    const { rows } = await client.query("SELECT migration_name, finished_at FROM _prisma_migrations");
    await client.end();
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((row) => row.finished_at !== null)).toBe(true);
  });

  it("run once when two servers start at the same time", async () => {
    const empty = await createTestDatabase("migrations_race", { migrate: false });
    try {
      const results = await Promise.all([applyMigrations(empty.url), applyMigrations(empty.url)]);
      const appliedBy = results.filter((names) => names.length > 0);
      expect(appliedBy).toHaveLength(1);
      expect(results.flat().length).toBeGreaterThan(0);
    } finally {
      await empty.stop();
    }
  });
});
