// The dispatcher in a server process: a pass on the job queue every passIntervalSeconds, once across instances (it
// finds retries and responses whose undo window closed), and a wake-up on the helpdesk_webhooks notification that the
// outbox triggers send on commit, so a new event leaves at once rather than at the next pass. Both run the same
// single-flight dispatch; concurrent ones in other processes are safe (dispatch.ts leases each delivery).
import type { Db } from "@helpdesk/db";
import { logger } from "@helpdesk/log";
import { PgListener } from "../events/pg-listener.ts";
import type { Boss } from "../jobs/boss.ts";
import { workPeriodically } from "../jobs/periodic.ts";
import { WEBHOOKS_QUEUE } from "../jobs/queues.ts";
import { DEFAULT_WEBHOOK_DELIVERY, WEBHOOKS_CHANNEL, type WebhookDeliveryConfig } from "./config.ts";
import { dispatchDue } from "./dispatch.ts";

export async function workWebhooks(boss: Boss, db: Db, databaseUrl: string, overrides: Partial<WebhookDeliveryConfig> = {}): Promise<() => Promise<void>> {
  const config = { ...DEFAULT_WEBHOOK_DELIVERY, ...overrides };
  let running: Promise<void> | null = null;
  let again = false;
  // One dispatch at a time in this process; a wake-up during one makes it go round once more.
  const dispatch = (): Promise<void> => {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        await dispatchDue(db, config);
      } while (again);
    })().finally(() => {
      running = null;
    });
    return running;
  };
  const wake = () => void dispatch().catch((error: unknown) => logger.error({ err: error }, "webhook dispatch failed"));
  const listener = new PgListener(databaseUrl, [{ channel: WEBHOOKS_CHANNEL, onNotification: wake, onConnected: wake }], `helpdesk-webhooks ${process.pid}`);
  listener.start();
  const stopReseeding = await workPeriodically(boss, WEBHOOKS_QUEUE, config.passIntervalSeconds, dispatch);
  return async () => {
    stopReseeding();
    await listener.stop();
    await running?.catch(() => {});
  };
}
