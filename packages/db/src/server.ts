// What a server process needs before it serves: a database (embedded when DATABASE_URL is unset) and migrations.
export { applyMigrations, pendingSchemaChanges, createMigration, unappliedMigrations } from "./migrate.ts";
export { startLocalDatabase, dataDir } from "./local-database.ts";
export { startEmbeddedPostgres, freePort, type EmbeddedDatabase } from "./embedded.ts";
