// Every queue the background work uses, declared once: its name and the pg-boss policy behind it (CONTRACT §10).
import type { Queue } from "pg-boss";

/** pg-boss keeps its tables in a schema of its own, beside (never inside) the Prisma-managed one. */
export const JOBS_SCHEMA = "pgboss";

export const MAIL_QUEUE = "mail-deliver";
export const AUTOMATIONS_QUEUE = "automations-run";

const DAY_SECONDS = 86_400;

export const QUEUES: Queue[] = [
  {
    // One job per OutgoingEmail row. Retry limit and backoff are the mail settings' (applied by the worker at start);
    // these are the defaults. A job waits as long as it must without SMTP_URL: the row stays in the outbox meanwhile.
    name: MAIL_QUEUE,
    retryLimit: 7,
    retryDelay: 30,
    retryBackoff: true,
    retryDelayMax: 3_600,
    // An attempt stuck longer than this (a worker that died mid-send) is retried by another instance.
    expireInSeconds: 5 * 60,
    retentionSeconds: 365 * DAY_SECONDS,
    deleteAfterSeconds: 7 * DAY_SECONDS,
  },
  {
    // One self-rescheduling pass at a time across instances: `stately` allows one job waiting and one running, so
    // the running pass can queue the next one while every starting instance's own send is a no-op.
    name: AUTOMATIONS_QUEUE,
    policy: "stately",
    // A failed pass is not retried: the next scheduled one does the same work.
    retryLimit: 0,
    // Long enough for a large backlog (the work itself commits in short batches).
    expireInSeconds: 10 * 60,
    deleteAfterSeconds: DAY_SECONDS,
  },
];
