// The stale-reply guard (CONTRACT §12): a reply written while someone else answered is held, not sent. It runs in
// the message's transaction after the ticket's row lock, so no message can slip in between the check and the write.
import { idTime, type Prisma } from "@helpdesk/db";
import { AppError } from "../../errors.ts";
import { assertNotClosed } from "../tickets/status.ts";
import { lockTicket } from "../tickets/tickets.ts";

/**
 * Refuses with 409 CONFLICT (details.newMessageIds, oldest first) when a message by anyone but `authorId` — another
 * agent, a customer's mail — was added to the ticket after `lastSeenId`. The sender's own messages never hold a reply.
 * `lastSeenId` must be a message of this ticket, or one withdrawn from it (its activity entry says so), else 422: an
 * id from elsewhere would place the guard at an unrelated time and let a stale reply through. A withdrawn message's
 * time is read from its id, which is made from the creation time.
 */
export async function assertNothingNewSince(tx: Prisma.TransactionClient, ticketId: string, lastSeenId: string, authorId: string): Promise<void> {
  const idAt = timeOf(lastSeenId);
  assertNotClosed(await lockTicket(tx, ticketId));
  const [{ known, newer }] = await tx.$queryRaw<[{ known: boolean; newer: string[] }]>`
    SELECT seen.at IS NOT NULL AS known, coalesce((
      SELECT array_agg(m.id ORDER BY m."createdAt", m.id) FROM "Message" m
      WHERE m."ticketId" = ${ticketId} AND (m."createdAt", m.id) > (seen.at, ${lastSeenId}) AND m."authorId" IS DISTINCT FROM ${authorId}
    ), '{}') AS newer
    FROM (SELECT coalesce(
      (SELECT "createdAt" FROM "Message" WHERE id = ${lastSeenId} AND "ticketId" = ${ticketId}),
      -- Looked for only when the message is gone: the hot path reads one row by its key.
      (SELECT ${idAt}::timestamptz FROM "TicketEvent" WHERE "ticketId" = ${ticketId} AND kind = 'message.withdrawn'
        AND changes -> 'message' ->> 'from' = ${lastSeenId} LIMIT 1)
    ) AS at) seen`;
  if (!known) throw notAMessageHere("This is not a message of this ticket.");
  if (newer.length > 0) {
    const count = newer.length;
    throw new AppError("CONFLICT", `${count} new message${count === 1 ? " was" : "s were"} added to this ticket since; nothing was sent.`, {
      newMessageIds: newer,
    });
  }
}

const notAMessageHere = (message: string) =>
  new AppError("VALIDATION_ERROR", "Some fields are missing or invalid.", { last_seen_message_id: [{ code: "INVALID", message }] });

function timeOf(messageId: string): Date {
  try {
    return idTime(messageId);
  } catch {
    throw notAMessageHere("This is not a message id.");
  }
}
