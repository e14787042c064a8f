// Undo send (CONTRACT §12): within its window a response's author can take it back. The message is deleted (its
// outbox rows with it, so the mail job finds nothing to send), a copy is kept in the audit and the activity says so.
// Its files go back to being the author's unused uploads, so the composer can send them again.
import { newId, type Db, type Prisma } from "@helpdesk/db";
import type { TMessage } from "@helpdesk/validators";
import { AppError, notFound } from "../../errors.ts";
import { publish } from "../../events/bus.ts";
import { setActor } from "../tickets/actor.ts";
import { lockTicket } from "../tickets/tickets.ts";
import { getMessage } from "./read.ts";

/** How long a withdrawn message's files stay usable as uploads again. */
const REUSABLE_UPLOAD_MS = 60 * 60 * 1000;

export async function undoMessage(db: Db, messageId: string, userId: string): Promise<TMessage> {
  const before = await getMessage(db, messageId);
  return db.$transaction(async (tx) => {
    await setActor(tx, userId);
    // The ticket first, as every message write locks it: undo and a new message on the ticket never deadlock.
    await lockTicket(tx, before.ticketId);
    const [message] = await tx.$queryRaw<{ authorId: string | null; undoable: boolean }[]>`
      SELECT "authorId", coalesce("undoableUntil" > statement_timestamp(), false) AS undoable FROM "Message" WHERE id = ${messageId} FOR UPDATE`;
    if (!message) throw notFound("Message", messageId);
    if (message.authorId !== userId) throw new AppError("FORBIDDEN", "Only its author can undo a message.");
    if (!message.undoable) throw new AppError("CONFLICT", "This message can no longer be undone: its undo window has passed.");
    await assertMailNotStarted(tx, messageId);
    await tx.$executeRaw`
      UPDATE "Attachment" SET "messageId" = NULL, "usedAt" = NULL, "expiresAt" = greatest("expiresAt", now() + ${`${REUSABLE_UPLOAD_MS} milliseconds`}::interval)
      WHERE "messageId" = ${messageId} AND "tokenHash" IS NOT NULL`;
    await tx.$executeRaw`DELETE FROM "Message" WHERE id = ${messageId}`;
    // A retry of the create with its Idempotency-Key must not answer a message that no longer exists: it sends anew.
    await tx.$executeRaw`DELETE FROM "IdempotencyKey" WHERE "userId" = ${userId} AND "responseBody"->>'id' = ${messageId}`;
    await tx.$executeRaw`UPDATE "Ticket" SET "messageCount" = "messageCount" - 1 WHERE id = ${before.ticketId}`;
    const withdrawn = { ...before, undoableUntil: null };
    await record(tx, withdrawn, userId);
    await publish(tx, { kind: "ticket.changed", ticketId: before.ticketId });
    return withdrawn;
  });
}

/**
 * The mail worker marks an outbox row `sending` before it sends (mail/outbox.ts beginAttempt). Both take the row's
 * lock: whichever commits first wins, so a mail is either withdrawn untouched or sent, never both.
 */
async function assertMailNotStarted(tx: Prisma.TransactionClient, messageId: string): Promise<void> {
  const emails = await tx.$queryRaw<{ status: string; attempts: number }[]>`
    SELECT status::text AS status, attempts FROM "OutgoingEmail" WHERE "messageId" = ${messageId} FOR UPDATE`;
  if (emails.some((email) => email.status !== "queued" || email.attempts > 0)) {
    throw new AppError("CONFLICT", "This message's mail is already being sent: it can no longer be undone.");
  }
}

async function record(tx: Prisma.TransactionClient, message: TMessage, userId: string): Promise<void> {
  await tx.auditEvent.create({
    data: { id: newId("aud"), actorId: userId, action: "message.withdrawn", subjectId: message.id, data: message as unknown as Prisma.InputJsonObject },
  });
  await tx.ticketEvent.create({
    data: { id: newId("tev"), ticketId: message.ticketId, actorId: userId, kind: "message.withdrawn", changes: { message: { from: message.id, to: null } } },
  });
}
