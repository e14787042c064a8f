// The stale-reply guard (CONTRACT §12): a reply written while someone else answered is held, not sent. It runs in
// the message's transaction after the ticket's row lock, so no message can slip in between the check and the write.
import { idTime, type Prisma } from "@helpdesk/db";
import { AppError } from "../../errors.ts";
import { assertNotClosed } from "../tickets/status.ts";
import { lockTicket } from "../tickets/tickets.ts";

/**
 * Refuses with 409 CONFLICT (details.newMessageIds, oldest first) when a message by anyone but `authorId` — another
 * agent, a customer's mail — was added to the ticket after `lastSeenId`. The sender's own messages never hold a reply.
 * A seen message that is gone (its author undid it) still tells its time: ids are made from the creation time.
 */
export async function assertNothingNewSince(tx: Prisma.TransactionClient, ticketId: string, lastSeenId: string, authorId: string): Promise<void> {
  assertNotClosed(await lockTicket(tx, ticketId));
  const seenAt = timeOf(lastSeenId);
  const [{ newer }] = await tx.$queryRaw<[{ newer: string[] }]>`
    SELECT coalesce(array_agg(m.id ORDER BY m."createdAt", m.id), '{}') AS newer
    FROM "Message" m,
      (SELECT coalesce((SELECT "createdAt" FROM "Message" WHERE id = ${lastSeenId} AND "ticketId" = ${ticketId}), ${seenAt}) AS at) seen
    WHERE m."ticketId" = ${ticketId} AND (m."createdAt", m.id) > (seen.at, ${lastSeenId}) AND m."authorId" IS DISTINCT FROM ${authorId}`;
  if (newer.length > 0) {
    const count = newer.length;
    throw new AppError("CONFLICT", `${count} new message${count === 1 ? " was" : "s were"} added to this ticket since; nothing was sent.`, {
      newMessageIds: newer,
    });
  }
}

function timeOf(messageId: string): Date {
  try {
    return idTime(messageId);
  } catch {
    throw new AppError("VALIDATION_ERROR", "Some fields are missing or invalid.", {
      last_seen_message_id: [{ code: "INVALID", message: "This is not a message id." }],
    });
  }
}
