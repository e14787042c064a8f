// Next.js calls register() once when a server instance starts: the automations (CONTRACT §7) run from here.
const globalForAutomations = globalThis as { helpdeskAutomationsStarted?: boolean; helpdeskMailStarted?: boolean };

export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  // `next build` may load this file while prerendering; there is no server (and maybe no database) then.
  if (process.env.NEXT_PHASE === "phase-production-build") return;
  await startMailWorkerOnce();
  if (process.env.HELPDESK_AUTOMATIONS === "off") return;
  if (!process.env.DATABASE_URL) {
    console.warn("Automations not started: DATABASE_URL is not set.");
    return;
  }
  if (globalForAutomations.helpdeskAutomationsStarted) return;
  globalForAutomations.helpdeskAutomationsStarted = true;

  // Imported here so that the Edge bundle never sees Prisma or pg.
  const { automationConfigFromEnv, startAutomationRunner } = await import("@helpdesk/api");
  const { getDb } = await import("@helpdesk/db");
  startAutomationRunner(getDb(), automationConfigFromEnv());
}

// Outgoing mail (issue 4) is delivered from here too, when SMTP_URL is set; without it mail stays queued in the outbox.
async function startMailWorkerOnce() {
  // Repeated here so that the Edge build drops this function's imports as well.
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  if (globalForAutomations.helpdeskMailStarted || !process.env.DATABASE_URL) return;
  const { mailConfigFromEnv, startMailWorker } = await import("@helpdesk/api");
  const config = mailConfigFromEnv();
  if (!config) {
    console.log("SMTP_URL is not set: outgoing mail stays queued in the outbox.");
    return;
  }
  globalForAutomations.helpdeskMailStarted = true;
  const { getDb } = await import("@helpdesk/db");
  startMailWorker(getDb(), config);
}
