import { Prisma, type Db } from "@helpdesk/db";
import type { TListMessagesQuery, TMessage, TMessageList } from "@helpdesk/validators";
import { notFound } from "../../errors.ts";
import { paginate } from "../pagination.ts";
import { messageColumns, messageJoins, type MessageRow, toMessage } from "./serialize.ts";

export async function getMessage(db: Db, id: string): Promise<TMessage> {
  const [row] = await db.$queryRaw<MessageRow[]>`SELECT ${messageColumns} FROM "Message" m ${messageJoins} WHERE m.id = ${id}`;
  if (!row) throw notFound("Message", id);
  return toMessage(row);
}

/**
 * One page of a conversation in one statement. The total is the ticket's kept message count, and the page's ids come
 * from an index-only scan of (ticketId, createdAt, id), so a deep page costs about what the first one does. A ticket
 * that exists answers at least one row (with a null message past the end); an unknown one answers none.
 */
export async function listMessages(db: Db, query: TListMessagesQuery): Promise<TMessageList> {
  const direction = query.sort_order === "desc" ? Prisma.sql`DESC` : Prisma.sql`ASC`;
  const offset = (query.page - 1) * query.limit;
  const rows = await db.$queryRaw<({ total: number } & (MessageRow | { [K in keyof MessageRow]: null }))[]>`
    SELECT t."messageCount" AS total, p.* FROM "Ticket" t
    LEFT JOIN LATERAL (
      SELECT ${messageColumns}
      FROM (SELECT id FROM "Message" WHERE "ticketId" = t.id ORDER BY "createdAt" ${direction}, id ${direction} OFFSET ${offset} LIMIT ${query.limit}) page
      JOIN "Message" m ON m.id = page.id ${messageJoins}
    ) p ON true
    WHERE t.id = ${query.ticket_id}
    ORDER BY p."createdAt" ${direction}, p.id ${direction}`;
  const first = rows[0];
  if (!first) throw notFound("Ticket", query.ticket_id);
  const data = rows.flatMap((row) => (row.id === null ? [] : [toMessage(row as MessageRow)]));
  return paginate(data, { page: query.page, limit: query.limit, total: first.total });
}
