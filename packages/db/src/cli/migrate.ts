// `pnpm db:migrate` applies pending migrations; `pnpm db:migrate:new <name>` writes one from schema.prisma.
import { applyMigrations, createMigration } from "../migrate.ts";
import { withDatabaseUrl } from "../local-database.ts";

const [command, name] = process.argv.slice(2);

// The wasm engine keeps timers alive after its work is done; a CLI run ends when its work does.
await withDatabaseUrl(async (url) => {
  if (command === "deploy") {
    const applied = await applyMigrations(url);
    console.log(applied.length ? `Applied: ${applied.join(", ")}` : "No pending migrations.");
  } else if (command === "new" && name) {
    // Diffing needs the migrations applied nowhere: the engine replays them in a shadow schema of this database.
    const folder = await createMigration(url, name);
    console.log(folder ? `Wrote ${folder}` : "schema.prisma and the migrations agree: nothing to write.");
  } else {
    console.error("usage: migrate deploy | migrate new <name>");
    process.exitCode = 2;
  }
});
process.exit();
