// Enqueuing a job inside the caller's own Prisma transaction, so that the job exists exactly when the rows that
// need it do (pg-boss's `db` option runs the insert through the transaction; fromPrisma adapts it).
import type { Prisma } from "@helpdesk/db";
import { fromPrisma, type SendOptions } from "pg-boss";
import { startBoss, type Boss } from "./boss.ts";

const globalForJobs = globalThis as { helpdeskJobSender?: Promise<Boss> };

/**
 * The process-wide sender for DATABASE_URL, started on first use (kept across dev hot reloads). It works no queue
 * and supervises nothing: sending needs only pg-boss's schema and its queue list, which it installs if missing.
 */
function jobSender(): Promise<Boss> {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set");
  if (!globalForJobs.helpdeskJobSender) {
    const starting = startBoss(url, { max: 2, supervise: false, schedule: false });
    globalForJobs.helpdeskJobSender = starting;
    // A failed start (database down) is not remembered: the next send tries again.
    starting.catch(() => {
      if (globalForJobs.helpdeskJobSender === starting) globalForJobs.helpdeskJobSender = undefined;
    });
  }
  return globalForJobs.helpdeskJobSender;
}

/** Adds a job to `queue` as part of `tx`: committed with it, or rolled back with it. */
export async function enqueueInTransaction(tx: Prisma.TransactionClient, queue: string, data: object, options: Pick<SendOptions, "startAfter"> = {}): Promise<void> {
  const sender = await jobSender();
  await sender.send(queue, data, { ...options, db: fromPrisma(tx) });
}

/** Closes the sender's pool (tests and scripts that must exit; a server keeps it for its lifetime). */
export async function stopJobSender(): Promise<void> {
  const sender = globalForJobs.helpdeskJobSender;
  globalForJobs.helpdeskJobSender = undefined;
  await (await sender?.catch(() => undefined))?.stop({ graceful: false });
}
