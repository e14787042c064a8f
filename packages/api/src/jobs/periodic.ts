// A pass that runs every intervalSeconds, once across instances (the automations, the IMAP polling). pg-boss cron
// works in whole minutes (and cron cannot say "every 90 s"), while the interval is any number of seconds, so the pass
// is a self-rescheduling job on a `stately` queue: each pass first queues the next one intervalSeconds later, one job
// waits at a time (every starting instance sends one; all but the first are no-ops) and one runs at a time.
import { logger } from "@helpdesk/log";
import type { Boss } from "./boss.ts";
import { HEARTBEAT_REFRESH_SECONDS } from "./queues.ts";

/** Starts working the queue's passes; the returned function stops re-seeding the chain (the boss stops the rest). */
export async function workPeriodically(boss: Boss, queue: string, intervalSeconds: number, pass: () => Promise<void>): Promise<() => void> {
  const pollingIntervalSeconds = Math.min(Math.max(intervalSeconds / 2, 0.5), 5);
  const queueNext = () => boss.send(queue, {}, { startAfter: new Date(Date.now() + intervalSeconds * 1000) });
  await boss.work(queue, { pollingIntervalSeconds, heartbeatRefreshSeconds: HEARTBEAT_REFRESH_SECONDS }, async () => {
    // Queued before the pass, so that a pass that throws or dies does not end the chain.
    await queueNext();
    await pass().catch((error: unknown) => {
      // Not retried (the next pass does the same work), so said here, where an operator sees it.
      logger.error({ err: error, queue }, "periodic pass failed");
      throw error;
    });
  });
  // Should a pass fail to queue its successor (the database gone at that moment), this puts the chain back; while a
  // pass waits, the stately queue makes it a no-op.
  const reseed = setInterval(() => void queueNext().catch(() => {}), intervalSeconds * 1000);
  reseed.unref();
  // The first pass soon after start, unless one is already waiting.
  await boss.send(queue, {});
  return () => clearInterval(reseed);
}
