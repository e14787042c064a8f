import { Prisma, preparedQuery, type Db } from "@helpdesk/db";
import type { TListMessagesQuery, TMessage, TMessageList } from "@helpdesk/validators";
import { notFound } from "../../errors.ts";
import { paginate } from "../pagination.ts";
import { messageColumns, messageJoins, type MessageRow, toMessage } from "./serialize.ts";

export async function getMessage(db: Db, id: string): Promise<TMessage> {
  const [row] = await preparedQuery<MessageRow>(db, "message_by_id", Prisma.sql`SELECT ${messageColumns} FROM "Message" m ${messageJoins} WHERE m.id = ${id}`);
  if (!row) throw notFound("Message", id);
  return toMessage(row);
}

/**
 * One page of a conversation in one statement. The total is the ticket's kept message count; the page's ids come from
 * an index-only scan of (ticketId, createdAt, id) that starts from the nearer end: a page past the middle is read
 * backwards from the other end (the same rows, counted from there), so the last page of a million messages costs what
 * the first does. A ticket that exists answers at least one row (a null message past the end); an unknown one none.
 */
export async function listMessages(db: Db, query: TListMessagesQuery): Promise<TMessageList> {
  const [forward, backward] = query.sort_order === "desc" ? [Prisma.sql`DESC`, Prisma.sql`ASC`] : [Prisma.sql`ASC`, Prisma.sql`DESC`];
  const offset = (query.page - 1) * query.limit;
  const { limit } = query;
  const rows = await preparedQuery<{ total: number } & (MessageRow | { [K in keyof MessageRow]: null })>(db, `message_page_${query.sort_order}`, Prisma.sql`
    SELECT t."messageCount" AS total, p.* FROM "Ticket" t
    LEFT JOIN LATERAL (
      SELECT ${messageColumns}
      FROM (
        (SELECT id FROM "Message" WHERE "ticketId" = t.id AND ${offset} * 2 <= t."messageCount"
          ORDER BY "createdAt" ${forward}, id ${forward} OFFSET ${offset} LIMIT ${limit})
        UNION ALL
        (SELECT id FROM "Message" WHERE "ticketId" = t.id AND ${offset} * 2 > t."messageCount"
          ORDER BY "createdAt" ${backward}, id ${backward}
          OFFSET greatest(t."messageCount" - ${offset} - ${limit}, 0) LIMIT greatest(least(${limit}, t."messageCount" - ${offset}), 0))
      ) page
      JOIN "Message" m ON m.id = page.id ${messageJoins}
    ) p ON true
    WHERE t.id = ${query.ticket_id}
    ORDER BY p."createdAt" ${forward}, p.id ${forward}`);
  const first = rows[0];
  if (!first) throw notFound("Ticket", query.ticket_id);
  const data = rows.flatMap((row) => (row.id === null ? [] : [toMessage(row as MessageRow)]));
  return paginate(data, { page: query.page, limit, total: first.total });
}
