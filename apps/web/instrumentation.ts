// Next.js calls register() once when a server instance starts: the background work (CONTRACT §7, §10) starts here,
// on pg-boss: outgoing mail when SMTP_URL is set (without it mail waits in the outbox) and the automations.
const globalForJobs = globalThis as { helpdeskBackgroundWork?: Promise<unknown> };

export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  // `next build` may load this file while prerendering; there is no server (and maybe no database) then.
  if (process.env.NEXT_PHASE === "phase-production-build") return;
  if (!process.env.DATABASE_URL) {
    console.warn("Background work not started: DATABASE_URL is not set.");
    return;
  }
  if (globalForJobs.helpdeskBackgroundWork) return;

  // Imported here so that the Edge bundle never sees Prisma, pg or pg-boss.
  const { automationConfigFromEnv, mailConfigFromEnv, startBackgroundWork } = await import("@helpdesk/api");
  const { getDb } = await import("@helpdesk/db");
  const mail = mailConfigFromEnv();
  if (!mail) console.log("SMTP_URL is not set: outgoing mail stays queued in the outbox.");
  const automations = process.env.HELPDESK_AUTOMATIONS === "off" ? null : automationConfigFromEnv();
  globalForJobs.helpdeskBackgroundWork = startBackgroundWork(getDb(), { databaseUrl: process.env.DATABASE_URL, mail, automations }).catch(
    (error: unknown) => {
      globalForJobs.helpdeskBackgroundWork = undefined;
      console.error(`Background work did not start: ${error instanceof Error ? error.message : String(error)}`);
    },
  );
}
