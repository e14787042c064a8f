// Everything a server instance does in the background, on pg-boss (CONTRACT §10): outgoing mail, the automations,
// the IMAP polling and webhook delivery.
import type { Db } from "@helpdesk/db";
import type { AutomationConfig } from "../automations/runner.ts";
import type { MailConfig } from "../mail/config.ts";
import type { MailJob } from "../mail/outbox.ts";
import { createMailTransport, deliverEmailJob } from "../mail/worker.ts";
import { getAttachmentStorage, type AttachmentStorage } from "../storage/index.ts";
import { workAutomations } from "./automations.ts";
import { oneLine, startBoss } from "./boss.ts";
import { workImapPolling, type ImapPollConfig } from "./imap-poll.ts";
import { HEARTBEAT_REFRESH_SECONDS, MAIL_QUEUE } from "./queues.ts";
import type { WebhookDeliveryConfig } from "../webhooks/config.ts";
import { workWebhooks } from "../webhooks/worker.ts";

export interface BackgroundWorkConfig {
  databaseUrl: string;
  /** null: no SMTP_URL, so mail waits in the outbox (its jobs stay queued for an instance that has one). */
  mail: MailConfig | null;
  /** null: this instance runs no automations. */
  automations: AutomationConfig | null;
  /** Absent or null: no HELPDESK_IMAP_URL, this instance polls no mailbox. */
  imap?: ImapPollConfig | null;
  storage?: AttachmentStorage;
  /** Webhook delivery (on unless null); tests shorten its times. */
  webhooks?: Partial<WebhookDeliveryConfig> | null;
  /** How long stop() lets running jobs finish before handing them back to the queue. */
  stopTimeoutMs?: number;
}

export interface BackgroundWork {
  /** Stops fetching, waits for running jobs (up to stopTimeoutMs), hands back unfinished ones for a retry. */
  stop(): Promise<void>;
}

export async function startBackgroundWork(db: Db, config: BackgroundWorkConfig): Promise<BackgroundWork> {
  const storage = config.storage ?? getAttachmentStorage();
  const boss = await startBoss(config.databaseUrl, { schedule: false });
  const transport = config.mail ? createMailTransport(config.mail.smtpUrl) : undefined;
  const stopReseeding: (() => void)[] = [];
  let stopWebhooks: (() => Promise<void>) | undefined;
  try {
    if (config.mail && transport) {
      const mail = config.mail;
      // The retry policy is the queue's: jobs take it when they are sent, whichever instance sends them.
      await boss.updateQueue(MAIL_QUEUE, {
        retryLimit: mail.maxAttempts - 1,
        retryDelay: mail.retryDelaySeconds,
        retryBackoff: true,
        retryDelayMax: mail.retryDelayMaxSeconds,
      });
      const deps = { transport, storage, config: mail };
      // A batch per fetch, and the next fetch at once while batches come back full: a backlog is not paced by polling.
      const pollingIntervalSeconds = Math.max(mail.pollIntervalSeconds, 0.5);
      const options = {
        includeMetadata: true,
        perJobResults: true,
        batchSize: 5,
        burstWhenBatchFull: true,
        pollingIntervalSeconds,
        heartbeatRefreshSeconds: HEARTBEAT_REFRESH_SECONDS,
      } as const;
      await boss.work<MailJob, unknown, typeof options>(MAIL_QUEUE, options, async (jobs) => {
        // In parallel: a backlog drains at the mail server's pace times the batch, not one connection at a time.
        // Settled one by one, so that one job's error does not fail (and retry) the others still being sent.
        const failed = (job: { id: string }) => (error: unknown) => ({ id: job.id, status: "failed" as const, output: { error: oneLine(error) } });
        return Promise.all(jobs.map((job) => deliverEmailJob(db, deps, job).catch(failed(job))));
      });
    }
    if (config.automations) stopReseeding.push(await workAutomations(boss, db, config.automations, storage));
    if (config.imap) stopReseeding.push(await workImapPolling(boss, db, config.imap, storage));
    if (config.webhooks !== null) stopWebhooks = await workWebhooks(boss, db, config.databaseUrl, config.webhooks);
  } catch (error) {
    await stopWebhooks?.();
    await boss.stop({ graceful: false });
    transport?.close();
    throw error;
  }
  return {
    async stop() {
      for (const stop of stopReseeding) stop();
      await stopWebhooks?.();
      await boss.stop({ graceful: true, timeout: config.stopTimeoutMs ?? 30_000 });
      transport?.close();
    },
  };
}
