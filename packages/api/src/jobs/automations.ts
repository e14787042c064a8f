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

export async function workAutomations(boss: Boss, db: Db, config: AutomationConfig, storage: AttachmentStorage): Promise<void> {
  const pollingIntervalSeconds = Math.min(Math.max(config.intervalSeconds / 2, 0.5), 5);
  await boss.work(AUTOMATIONS_QUEUE, { pollingIntervalSeconds, heartbeatRefreshSeconds: HEARTBEAT_REFRESH_SECONDS }, async () => {
    // Queued before the pass, so that a pass that throws or dies does not end the chain.
    await boss.send(AUTOMATIONS_QUEUE, {}, { startAfter: new Date(Date.now() + config.intervalSeconds * 1000) });
    const { closed } = await runAutomations(db, config, storage);
    if (closed.length) logger.info({ closed: closed.length }, "automations: auto-closed resolved tickets");
  });
  // The first pass soon after start, unless one is already waiting.
  await boss.send(AUTOMATIONS_QUEUE, {});
}
