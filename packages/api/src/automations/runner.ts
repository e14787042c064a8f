// The automations (CONTRACT §7): one pass closes stale resolved tickets and deletes expired unused uploads.
// jobs/automations.ts runs a pass every interval, once across instances.
import type { Db } from "@helpdesk/db";
import { deleteExpiredUploads } from "../services/attachments/cleanup.ts";
import type { AttachmentStorage } from "../storage/index.ts";
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

type Env = Record<string, string | undefined>;

export function automationConfigFromEnv(env: Env = process.env): AutomationConfig {
  return {
    autoCloseAfterHours: number(env, "HELPDESK_AUTO_CLOSE_AFTER_HOURS", 96, { zero: true }),
    intervalSeconds: number(env, "HELPDESK_AUTOMATION_INTERVAL_SECONDS", 60, { zero: false }),
  };
}

function number(env: Env, name: string, fallback: number, allow: { zero: boolean }): number {
  const raw = env[name];
  if (raw === undefined || raw.trim() === "") return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0 || (value === 0 && !allow.zero)) {
    throw new Error(`${name} must be a ${allow.zero ? "non-negative" : "positive"} number, got "${raw}"`);
  }
  return value;
}

/** One pass of every automation. Safe beside another pass: each step's conditional writes re-check their rows. */
export async function runAutomations(db: Db, config: AutomationConfig, storage: AttachmentStorage): Promise<AutomationRun> {
  const closed = await closeStaleResolvedTickets(db, { olderThanHours: config.autoCloseAfterHours });
  const uploadsDeleted = await deleteExpiredUploads(db, storage);
  return { closed, uploadsDeleted };
}
