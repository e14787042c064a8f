// The automations (CONTRACT §7): one pass closes stale resolved tickets, deletes expired unused uploads, sweeps
// rate-limit rows whose window has passed and webhook history past its days.
// jobs/automations.ts runs a pass every interval, once across instances.
import type { Db } from "@helpdesk/db";
import { serverConfig } from "@helpdesk/validators";
import { deleteExpiredRateLimits } from "../limits/expired.ts";
import { deleteExpiredUploads } from "../services/attachments/cleanup.ts";
import type { AttachmentStorage } from "../storage/index.ts";
import { pruneWebhookHistory } from "../webhooks/prune.ts";
import { closeStaleResolvedTickets } from "./auto-close.ts";

export interface AutomationConfig {
  /** Resolved tickets untouched this long are closed; fractions allowed, 0 closes them at the next pass. */
  autoCloseAfterHours: number;
  intervalSeconds: number;
}

export interface AutomationRun {
  closed: string[];
  uploadsDeleted: number;
}

export function automationConfigFromEnv(env: Record<string, string | undefined> = process.env): AutomationConfig {
  const config = serverConfig(env);
  return { autoCloseAfterHours: config.HELPDESK_AUTO_CLOSE_AFTER_HOURS, intervalSeconds: config.HELPDESK_AUTOMATION_INTERVAL_SECONDS };
}

/** One pass of every automation. Safe beside another pass: each step's conditional writes re-check their rows. */
export async function runAutomations(db: Db, config: AutomationConfig, storage: AttachmentStorage): Promise<AutomationRun> {
  const closed = await closeStaleResolvedTickets(db, { olderThanHours: config.autoCloseAfterHours });
  const uploadsDeleted = await deleteExpiredUploads(db, storage);
  await deleteExpiredRateLimits(db);
  await pruneWebhookHistory(db);
  return { closed, uploadsDeleted };
}
