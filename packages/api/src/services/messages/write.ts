// Writing a message is one statement: lock its ticket, insert the row, advance the ticket (count, activity, the
// ticket_update, the reopen rule), drop its author's draft and announce it, returning what it wrote. The rules of CONTRACT §6 that depend on the
// ticket's state live here, in SQL, for every door that writes messages (the API and inbound mail).
import { type Db, type MessageSource, type MessageType, Prisma, preparedQuery, type TicketPriority, type TicketStatus, type TicketType } from "@helpdesk/db";
import { TAGS_MAX, type TRecipient } from "@helpdesk/validators";
import { notifySql } from "../../events/bus.ts";
import { actorSql } from "../tickets/actor.ts";
import type { MessageRow } from "./serialize.ts";

export interface MessageToWrite {
  id: string;
  ticketId: string;
  type: MessageType;
  content: string;
  textContent: string;
  authorId: string | null;
  from: TRecipient | null;
  source: MessageSource;
  ccs: TRecipient[];
  /** "requester": a reply to the ticket's requester, read from the locked ticket. */
  recipients: TRecipient[] | "requester";
  isForward: boolean;
  sendEmail: boolean;
  update?: { status?: TicketStatus; priority?: TicketPriority; type?: TicketType; add_tags?: string[] };
  /** Seconds the mail of a response waits while its author may undo it (from the database's clock); 0: none. */
  undoSeconds?: number;
  now: Date;
}

export interface TicketFacts {
  status: TicketStatus;
  subject: string;
  requesterEmail: string;
  requesterName: string | null;
}

/**
 * The ticket as it was before the write; `message` is null when nothing was written: the ticket is closed, or the
 * update's add_tags would give it more than TAGS_MAX tags.
 */
export interface Written {
  ticket: TicketFacts;
  message: MessageRow | null;
}

type Row = TicketFacts & { [K in keyof MessageRow]: MessageRow[K] | null } & { notified: number };

/** Null when the ticket does not exist. */
export async function writeMessage(db: Db | Prisma.TransactionClient, message: MessageToWrite): Promise<Written | null> {
  const { id, ticketId, type, now, update = {} } = message;
  const toRequester = message.recipients === "requester";
  const [row] = await preparedQuery<Row>(db, "message_write", Prisma.sql`
    WITH actor AS (
      -- Named before the ticket is locked, so the activity trigger records the author with the ticket's changes.
      SELECT ${actorSql(message.authorId)} AS id
    ), t AS (
      SELECT "Ticket".id, status, subject, "requesterEmail", "requesterName", tags FROM "Ticket", actor
      WHERE "Ticket".id = ${ticketId} FOR UPDATE OF "Ticket"
    ), next_state AS (
      -- A customer writing again reopens a ticket that was waiting on them or resolved, unless the update says otherwise.
      SELECT t.*, CASE
        WHEN ${update.status ?? null}::text IS NOT NULL THEN ${update.status ?? null}::text
        WHEN ${type}::text = 'request' AND t.status IN ('pending', 'resolved') THEN 'open'
        ELSE t.status::text END AS "newStatus",
        -- add_tags: the ticket's tags, then the new ones in the order given, each once.
        t.tags || ARRAY(SELECT tag FROM unnest(${update.add_tags ?? []}::text[]) WITH ORDINALITY AS added(tag, n)
          WHERE tag <> ALL(t.tags) GROUP BY tag ORDER BY min(n)) AS "newTags"
      FROM t
    ), next AS (
      SELECT * FROM next_state WHERE status <> 'closed' AND cardinality("newTags") <= ${TAGS_MAX}
    ), ins AS (
      INSERT INTO "Message" (id, "ticketId", type, content, "textContent", "authorId", "fromEmail", "fromName", source, ccs,
        recipients, "isForward", "sendEmail", "deliveryStatus", "undoableUntil", "createdAt", "updatedAt")
      SELECT ${id}, next.id, ${type}::"MessageType", ${message.content}, ${message.textContent}, ${message.authorId},
        ${message.from?.email ?? null}, ${message.from?.name ?? null}, ${message.source}::"MessageSource", ${JSON.stringify(message.ccs)}::jsonb,
        CASE WHEN ${toRequester} THEN jsonb_build_array(jsonb_build_object('email', next."requesterEmail", 'name', next."requesterName"))
          ELSE ${JSON.stringify(toRequester ? [] : message.recipients)}::jsonb END,
        ${message.isForward}, ${message.sendEmail}, ${message.sendEmail ? "queued" : "not_sent"}::"DeliveryStatus",
        CASE WHEN ${message.undoSeconds ?? 0}::float8 > 0 THEN statement_timestamp() + make_interval(secs => ${message.undoSeconds ?? 0}::float8) END,
        ${now}, ${now}
      FROM next
      RETURNING *
    ), advanced AS (
      UPDATE "Ticket" SET "messageCount" = "messageCount" + 1, "updatedAt" = ${now},
        priority = COALESCE(${update.priority ?? null}::"TicketPriority", priority),
        type = COALESCE(${update.type ?? null}::"TicketType", "Ticket".type),
        tags = next."newTags",
        status = next."newStatus"::"TicketStatus",
        -- resolvedAt marks the latest resolution and is cleared on reopening; unchanged when the status is.
        "resolvedAt" = CASE WHEN next."newStatus" = next.status::text THEN "Ticket"."resolvedAt"
          WHEN next."newStatus" = 'resolved' THEN ${now} ELSE NULL END
      FROM next, ins WHERE "Ticket".id = next.id
      RETURNING "Ticket".id
    ), drafted AS (
      -- Sending is the end of the author's draft on this ticket (CONTRACT §12).
      DELETE FROM "Draft" WHERE "userId" = ${message.authorId} AND "ticketId" = ${ticketId} AND EXISTS (SELECT 1 FROM ins)
    ), notified AS (
      SELECT ${notifySql({ kind: "message.created", ticketId, messageId: id })} FROM advanced
    )
    SELECT t.status::text AS status, t.subject, t."requesterEmail", t."requesterName",
      ins.id, ins."ticketId", ins.type::text AS type, ins.content, ins."textContent", ins."authorId", ins."fromEmail",
      ins."fromName", ins.source::text AS source, ins.ccs, ins.recipients, ins."isForward",
      ins."deliveryStatus"::text AS "deliveryStatus", ins."undoableUntil", ins."createdAt", ins."updatedAt", '[]'::json AS attachments,
      NULL::int AS attempts, NULL::text AS "lastError", (SELECT count(*) FROM notified)::int AS notified
    FROM t LEFT JOIN ins ON true`);
  if (!row) return null;
  const { status, subject, requesterEmail, requesterName, notified: _notified, ...written } = row;
  return {
    ticket: { status, subject, requesterEmail, requesterName },
    message: written.id === null ? null : (written as MessageRow),
  };
}
