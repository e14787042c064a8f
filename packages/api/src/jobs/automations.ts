// Runs the automations every intervalSeconds, once across instances. pg-boss cron works in whole minutes (and
// cron cannot say "every 90 s"), while the interval is any number of seconds, so the pass is a self-rescheduling
// job on a `stately` queue: each pass first queues the next one intervalSeconds later, one job waits at a time
// (every starting instance sends one; all but the first are no-ops) and one runs at a time.
import type { Db } from "@helpdesk/db";
import { logger } from "@helpdesk/log";
import { runAutomations, type AutomationConfig } from "../automations/runner.ts";
import type { AttachmentStorage } from "../storage/index.ts";
import type { Boss } from "./boss.ts";
import { AUTOMATIONS_QUEUE, HEARTBEAT_REFRESH_SECONDS } from "./queues.ts";

/** Starts working the automations; the returned function stops re-seeding the chain (the boss stops the rest). */
export async function workAutomations(boss: Boss, db: Db, config: AutomationConfig, storage: AttachmentStorage): Promise<() => void> {
  const pollingIntervalSeconds = Math.min(Math.max(config.intervalSeconds / 2, 0.5), 5);
  const queueNext = () => boss.send(AUTOMATIONS_QUEUE, {}, { startAfter: new Date(Date.now() + config.intervalSeconds * 1000) });
  await boss.work(AUTOMATIONS_QUEUE, { pollingIntervalSeconds, heartbeatRefreshSeconds: HEARTBEAT_REFRESH_SECONDS }, async () => {
    // Queued before the pass, so that a pass that throws or dies does not end the chain.
    await queueNext();
    const { closed } = await runAutomations(db, config, storage);
    if (closed.length) logger.info({ closed: closed.length }, "automations: auto-closed resolved tickets");
  });
  // Should a pass fail to queue its successor (the database gone at that moment), this puts the chain back; while a
  // pass waits, the stately queue makes it a no-op.
  const reseed = setInterval(() => void queueNext().catch(() => {}), config.intervalSeconds * 1000);
  reseed.unref();
  // The first pass soon after start, unless one is already waiting.
  await boss.send(AUTOMATIONS_QUEUE, {});
  return () => clearInterval(reseed);
}
