// The OutgoingEmail rows: the record of every outgoing mail that the Outbox page and each message's `delivery` read.
// Delivery itself is a pg-boss job per row (jobs/queues.ts), enqueued in the transaction that writes the row, so a
// committed message always has its job and a rolled-back one has none.
import { newId, type Db, type Prisma } from "@helpdesk/db";
import type { TRecipient } from "@helpdesk/validators";
import { publish } from "../events/bus.ts";
import { enqueueInTransaction } from "../jobs/sender.ts";
import { MAIL_QUEUE } from "../jobs/queues.ts";

export interface MailJob {
  emailId: string;
}

export interface OutgoingEmail {
  id: string;
  messageId: string;
  ticketId: string;
  to: TRecipient[];
  cc: TRecipient[];
  subject: string;
  attempts: number;
}

/** Writes the outbox row and its delivery job, both inside the message's transaction; the job starts at `startAfter`. */
export async function queueEmail(
  tx: Prisma.TransactionClient,
  email: { messageId: string; ticketId: string; to: TRecipient[]; cc: TRecipient[]; subject: string },
  startAfter: Date | null = null,
): Promise<void> {
  const id = newId("eml");
  await tx.outgoingEmail.create({ data: { id, ...email, ...(startAfter ? { nextAttemptAt: startAfter } : {}) } });
  await enqueueInTransaction(tx, MAIL_QUEUE, { emailId: id } satisfies MailJob, startAfter ? { startAfter } : {});
}

/**
 * Marks the row `sending` for attempt number `attempt` (pg-boss numbers a job's attempts upwards, one per claim).
 * `sending` left by an earlier attempt is taken over: its worker died, or lost its claim. Null when the row is
 * already settled (sent or failed: a job run again after its worker died once the outcome was recorded sends
 * nothing twice) or a later attempt has begun (this one's claim was lost before it started). `attempts` then fences
 * the attempt: only its own outcome matches it.
 */
export async function beginAttempt(db: Db, emailId: string, attempt: number): Promise<OutgoingEmail | null> {
  const [row] = await db.$queryRaw<OutgoingEmail[]>`
    UPDATE "OutgoingEmail" SET status = 'sending', attempts = ${attempt}, "updatedAt" = now()
    WHERE id = ${emailId} AND status IN ('queued', 'sending') AND attempts < ${attempt}
    RETURNING id, "messageId", "ticketId", "to", cc, subject, attempts`;
  return row ?? null;
}

export type Outcome =
  | { status: "sent"; at: Date; note: string | null }
  | { status: "queued"; error: string; retryAt: Date }
  | { status: "failed"; error: string; at: Date };

/** Records an attempt's outcome on the row and the message's delivery; false when a later attempt took the row. */
export async function recordOutcome(db: Db, email: OutgoingEmail, outcome: Outcome): Promise<boolean> {
  const data: Prisma.OutgoingEmailUpdateManyMutationInput =
    outcome.status === "sent"
      ? { status: "sent", sentAt: outcome.at, lastError: outcome.note }
      : outcome.status === "queued"
        ? { status: "queued", lastError: outcome.error, nextAttemptAt: outcome.retryAt }
        : { status: "failed", lastError: outcome.error, nextAttemptAt: outcome.at };
  return db.$transaction(async (tx) => {
    const { count } = await tx.outgoingEmail.updateMany({ where: { id: email.id, status: "sending", attempts: email.attempts }, data });
    if (count === 0) return false;
    await refreshDeliveryStatus(tx, email);
    return true;
  });
}

/** A message's delivery: failed if any of its emails failed, sent once all are sent, queued until then. */
async function refreshDeliveryStatus(tx: Prisma.TransactionClient, email: OutgoingEmail): Promise<void> {
  // Serialises the read-then-write with any other email of the same message.
  await tx.$executeRaw`SELECT 1 FROM "Message" WHERE id = ${email.messageId} FOR UPDATE`;
  const emails = await tx.outgoingEmail.findMany({ where: { messageId: email.messageId }, select: { status: true } });
  const status = emails.some((row) => row.status === "failed")
    ? "failed"
    : emails.every((row) => row.status === "sent")
      ? "sent"
      : "queued";
  const changed = await tx.message.updateMany({ where: { id: email.messageId, deliveryStatus: { not: status } }, data: { deliveryStatus: status } });
  if (changed.count > 0) await publish(tx, { kind: "ticket.changed", ticketId: email.ticketId });
}
