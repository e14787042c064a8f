// Runs the automations in the server, one runner at a time across instances (CONTRACT §7).
import type { Db } from "@helpdesk/db";
import { deleteExpiredUploads } from "../services/attachments/cleanup.ts";
import { getAttachmentStorage } from "../storage/index.ts";
import { closeStaleResolvedTickets } from "./auto-close.ts";

export interface AutomationConfig {
  autoCloseAfterHours: number;
  intervalSeconds: number;
}

export interface AutomationRun {
  ran: boolean;
  closed: string[];
}

// Any constant shared by every instance; the migrations use 72_770_001.
export const AUTOMATION_LOCK_KEY = 72_770_002;
// Long enough for a large backlog: the work itself is done in short batch transactions beside this one.
const LOCK_HOLD_LIMIT_MS = 10 * 60_000;
const FIRST_RUN_DELAY_MS = 5_000;

type Env = Record<string, string | undefined>;

export function automationConfigFromEnv(env: Env = process.env): AutomationConfig {
  return {
    autoCloseAfterHours: positive(env, "HELPDESK_AUTO_CLOSE_AFTER_HOURS", 96),
    intervalSeconds: positive(env, "HELPDESK_AUTOMATION_INTERVAL_SECONDS", 60),
  };
}

function positive(env: Env, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw.trim() === "") return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number, got "${raw}"`);
  return value;
}

/**
 * One pass of every automation, or none when another instance is running them: the transaction-level advisory lock
 * is held for the whole pass and released by PostgreSQL when the transaction ends, even if this process dies.
 */
export async function runAutomationsOnce(db: Db, config: AutomationConfig): Promise<AutomationRun> {
  return db.$transaction(
    async (tx) => {
      const [row] = await tx.$queryRaw<{ locked: boolean }[]>`SELECT pg_try_advisory_xact_lock(${AUTOMATION_LOCK_KEY}::bigint) AS locked`;
      if (!row?.locked) return { ran: false, closed: [] };
      // Batches commit on their own transactions; the conditional updates keep them safe even without the lock.
      const closed = await closeStaleResolvedTickets(db, { olderThanHours: config.autoCloseAfterHours });
      await deleteExpiredUploads(db, getAttachmentStorage());
      return { ran: true, closed };
    },
    { timeout: LOCK_HOLD_LIMIT_MS },
  );
}

/**
 * Runs the automations soon after start and then every interval, never two passes at once in this process.
 * A failed pass is logged in one line and the next one runs as usual. The returned stop function resolves once
 * a pass in progress has finished.
 */
export function startAutomationRunner(db: Db, config: AutomationConfig): () => Promise<void> {
  const intervalMs = config.intervalSeconds * 1000;
  let stopped = false;
  let inFlight: Promise<void> | undefined;

  const tick = () => {
    if (stopped || inFlight) return;
    inFlight = runAutomationsOnce(db, config)
      .then(
        ({ closed }) => {
          if (closed.length) console.log(`Automations: auto-closed ${closed.length} resolved ticket(s).`);
        },
        (error: unknown) => console.error(`Automations failed: ${oneLine(error)}`),
      )
      .finally(() => {
        inFlight = undefined;
      });
  };

  const first = setTimeout(tick, Math.min(intervalMs, FIRST_RUN_DELAY_MS));
  const every = setInterval(tick, intervalMs);
  // The runner never keeps the process alive by itself.
  first.unref();
  every.unref();

  return async () => {
    stopped = true;
    clearTimeout(first);
    clearInterval(every);
    await inFlight;
  };
}

function oneLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.replace(/\s+/g, " ").trim();
}
