// `pnpm dev` / `pnpm start` / `pnpm db:seed`: get a database (embedded under .data/ when DATABASE_URL is unset),
// apply migrations, make sure the configured admin exists, seed demo data in development, then run Next.js.
// `e2e` serves the production build on a fresh, seeded throwaway database for the browser tests.
import { spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { ensureAdmin } from "@helpdesk/api";
import { ensureDevAuthSecret, hashPassword } from "@helpdesk/auth";
import { createDb } from "@helpdesk/db";
import { DEMO_USERS, seedDemoData } from "@helpdesk/db/seed";
import { applyMigrations, dataDir, startLocalDatabase } from "@helpdesk/db/server";
import { createTestDatabase } from "@helpdesk/db/testing";
import { readServerEnv } from "./server-env.ts";

const mode = process.argv[2];
if (mode !== "dev" && mode !== "start" && mode !== "seed" && mode !== "e2e") {
  console.error("usage: serve.ts dev | start | seed | e2e");
  process.exit(2);
}
const production = mode === "start" || mode === "e2e";
process.env.NEXT_TELEMETRY_DISABLED ??= "1";
const env = readServerEnv(process.env, { production });
if (!production) process.env.AUTH_SECRET = ensureDevAuthSecret(dataDir);

const database = await (mode === "e2e" ? createTestDatabase("e2e") : startLocalDatabase()).catch((error: Error) => {
  console.error(`Could not start the database: ${error.message}`);
  process.exit(1);
});
if (!process.env.DATABASE_URL) console.log(`Embedded PostgreSQL running (data in ${dataDir}/postgres).`);
process.env.DATABASE_URL = database.url;
// The browser tests set up states only the system can reach (a closed ticket, 10,000 messages) straight in this throwaway database.
if (mode === "e2e") writeFileSync(path.join(tmpdir(), `helpdesk-e2e-${env.port}.database-url`), database.url, { mode: 0o600 });

const applied = await applyMigrations(database.url);
if (applied.length) console.log(`Applied migrations: ${applied.join(", ")}`);

const db = createDb(database.url, { max: 2 });
if (env.adminEmail && env.adminPassword) {
  await ensureAdmin(db, env.adminEmail, env.adminPassword);
  console.log(`Admin ensured: ${env.adminEmail}`);
}
if (!production || mode === "e2e") {
  const seeded = await seedDemoData(db, hashPassword);
  if (seeded) console.log("Seeded demo tickets.");
  console.log("\nDemo sign-ins (development only):");
  for (const user of DEMO_USERS) console.log(`  ${user.role.padEnd(6)}  ${user.email}  /  ${user.password}`);
  console.log("");
}
await db.$disconnect();

if (mode === "seed") {
  await database.stop();
  process.exit(0);
}

const nextBin = createRequire(import.meta.url).resolve("next/dist/bin/next");
process.env.NEXTAUTH_URL ??= `http://localhost:${env.port}`;
// Set here because the bundled server cannot find the repository from its own location.
process.env.HELPDESK_ATTACHMENTS_DIR ||= path.join(dataDir, "attachments");
const child = spawn(process.execPath, [nextBin, production ? "start" : "dev", "-p", String(env.port), ...env.hostArgs], {
  stdio: "inherit",
  env: process.env,
});

let stopping = false;
async function shutdown(code: number) {
  if (stopping) return;
  stopping = true;
  await database.stop().catch(() => {});
  process.exit(code);
}
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    child.kill(signal);
  });
}
child.on("exit", (code) => void shutdown(code ?? 0));
