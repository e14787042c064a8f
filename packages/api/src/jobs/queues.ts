// Every queue the background work uses, declared once: its name and the pg-boss policy behind it (CONTRACT §10).
import type { Queue, UpdateQueueOptions } from "pg-boss";

/** pg-boss keeps its tables in a schema of its own, beside (never inside) the Prisma-managed one. */
export const JOBS_SCHEMA = "pgboss";

export const MAIL_QUEUE = "mail-deliver";
export const AUTOMATIONS_QUEUE = "automations-run";
export const IMAP_POLL_QUEUE = "inbound-imap-poll";
export const WEBHOOKS_QUEUE = "webhooks-dispatch";

const DAY_SECONDS = 86_400;

/**
 * A worker refreshes its running jobs' heartbeat every HEARTBEAT_REFRESH_SECONDS; a job whose heartbeat is older than
 * HEARTBEAT_SECONDS belongs to a process that died (SIGKILL, a crash) and is handed to another instance. The gap
 * between the two is what a live worker may go unheard (a database outage of ~10 s) without losing its jobs.
 */
export const HEARTBEAT_SECONDS = 15;
export const HEARTBEAT_REFRESH_SECONDS = 3;
/** How often the supervisor looks for lost heartbeats and expired jobs (pg-boss's default is a minute). */
export const SUPERVISE_INTERVAL_SECONDS = 10;

/** The queue of a pass that runs every few seconds (jobs/periodic.ts). */
const PERIODIC_PASS = {
  // One self-rescheduling pass at a time across instances: `stately` allows one job waiting and one running, so
  // the running pass can queue the next one while every starting instance's own send is a no-op.
  policy: "stately",
  // A failed pass is not retried: the next scheduled one does the same work.
  retryLimit: 0,
  // A killed process's pass would otherwise hold the one running slot, and stop every pass, until it expires.
  heartbeatSeconds: HEARTBEAT_SECONDS,
  // Long enough for a large backlog (the automations commit in short batches; a poll takes at most 100 mails).
  expireInSeconds: 10 * 60,
  deleteAfterSeconds: DAY_SECONDS,
} as const satisfies Omit<Queue, "name">;

export const QUEUES: Queue[] = [
  {
    // One job per OutgoingEmail row. Retry limit and backoff are the mail settings' (applied by the worker at start);
    // these are the defaults. A job waits as long as it must without SMTP_URL: the row stays in the outbox meanwhile.
    name: MAIL_QUEUE,
    retryLimit: 7,
    retryDelay: 30,
    retryBackoff: true,
    retryDelayMax: 3_600,
    // A killed process's jobs go to another instance once their heartbeat stops, instead of waiting for the expiry.
    heartbeatSeconds: HEARTBEAT_SECONDS,
    // An attempt stuck longer than this (a worker alive but hung mid-send) is retried by another instance: well
    // above one mail's worst case under the transport's timeouts (worker.ts), since a batch's mails go in parallel.
    expireInSeconds: 5 * 60,
    retentionSeconds: 365 * DAY_SECONDS,
    deleteAfterSeconds: 7 * DAY_SECONDS,
  },
  { name: AUTOMATIONS_QUEUE, ...PERIODIC_PASS },
  { name: IMAP_POLL_QUEUE, ...PERIODIC_PASS },
  // The webhook dispatcher's pass (webhooks/worker.ts): the deliveries themselves are rows with their own retries.
  { name: WEBHOOKS_QUEUE, ...PERIODIC_PASS },
];

/**
 * What every starting instance re-applies to a queue that already exists (createQueue leaves it as it is), so that
 * a database created by an older version picks up a changed setting. The mail retry policy is not here: the mail
 * settings own it and the worker applies it (background.ts).
 */
export function settingsAppliedOnStart({ heartbeatSeconds, expireInSeconds, retentionSeconds, deleteAfterSeconds }: Queue): UpdateQueueOptions {
  const settings = { heartbeatSeconds: heartbeatSeconds ?? null, expireInSeconds, retentionSeconds, deleteAfterSeconds };
  // pg-boss refuses a key that is present but undefined: one the declaration leaves out is left as it is.
  return Object.fromEntries(Object.entries(settings).filter(([, value]) => value !== undefined));
}
