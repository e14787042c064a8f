// The outbox as a work queue. A row is claimed by moving it to `sending` with a lease (nextAttemptAt = lease end)
// and one more attempt; `attempts` then fences the claim: only the claimant's writes match it. A worker that dies
// mid-send leaves the row `sending` until the lease ends, when any instance takes it again: at worst a mail that did
// go out is sent once more, never silently dropped.
import type { Db, Prisma } from "@helpdesk/db";
import type { TRecipient } from "@helpdesk/validators";
import { publish } from "../events/bus.ts";

export interface ClaimedEmail {
  id: string;
  messageId: string;
  ticketId: string;
  to: TRecipient[];
  cc: TRecipient[];
  subject: string;
  attempts: number;
}

/** The next due email, claimed for `leaseMs`; null when none is due. */
export async function claimNextEmail(db: Db, now: Date, leaseMs: number): Promise<ClaimedEmail | null> {
  const leaseEnd = new Date(now.getTime() + leaseMs);
  const [row] = await db.$queryRaw<ClaimedEmail[]>`
    UPDATE "OutgoingEmail"
    SET status = 'sending', attempts = attempts + 1, "nextAttemptAt" = ${leaseEnd}, "updatedAt" = ${now}
    WHERE status IN ('queued', 'sending') AND "nextAttemptAt" <= ${now} AND id = (
      SELECT id FROM "OutgoingEmail"
      WHERE status IN ('queued', 'sending') AND "nextAttemptAt" <= ${now}
      ORDER BY "nextAttemptAt", id
      LIMIT 1
      FOR UPDATE SKIP LOCKED
    )
    RETURNING id, "messageId", "ticketId", "to", cc, subject, attempts`;
  return row ?? null;
}

const claimedBy = (email: ClaimedEmail) => ({ id: email.id, status: "sending" as const, attempts: email.attempts });

/** Keeps the claim while a long send is in progress. */
export async function extendLease(db: Db, email: ClaimedEmail, now: Date, leaseMs: number): Promise<void> {
  await db.outgoingEmail.updateMany({ where: claimedBy(email), data: { nextAttemptAt: new Date(now.getTime() + leaseMs) } });
}

export type Outcome =
  | { status: "sent"; at: Date; note: string | null }
  | { status: "queued"; error: string; retryAt: Date }
  | { status: "failed"; error: string; at: Date };

/** Records an attempt's outcome on the row and the message's delivery; false when the claim was lost meanwhile. */
export async function recordOutcome(db: Db, email: ClaimedEmail, outcome: Outcome): Promise<boolean> {
  const data: Prisma.OutgoingEmailUpdateManyMutationInput =
    outcome.status === "sent"
      ? { status: "sent", sentAt: outcome.at, lastError: outcome.note }
      : outcome.status === "queued"
        ? { status: "queued", lastError: outcome.error, nextAttemptAt: outcome.retryAt }
        : { status: "failed", lastError: outcome.error, nextAttemptAt: outcome.at };
  return db.$transaction(async (tx) => {
    const { count } = await tx.outgoingEmail.updateMany({ where: claimedBy(email), data });
    if (count === 0) return false;
    await refreshDeliveryStatus(tx, email);
    return true;
  });
}

/** A message's delivery: failed if any of its emails failed, sent once all are sent, queued until then. */
async function refreshDeliveryStatus(tx: Prisma.TransactionClient, email: ClaimedEmail): Promise<void> {
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
