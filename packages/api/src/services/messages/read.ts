import { Prisma, type Db } from "@helpdesk/db";
import type { TListMessagesQuery, TMessage, TMessageList } from "@helpdesk/validators";
import { notFound } from "../../errors.ts";
import { paginate } from "../pagination.ts";
import { messageSelect, toMessage } from "./serialize.ts";

export async function getMessage(db: Db, id: string): Promise<TMessage> {
  const row = await db.message.findUnique({ where: { id }, select: messageSelect });
  if (!row) throw notFound("Message", id);
  return toMessage(row);
}

/**
 * One page of a conversation. The total is the ticket's kept message count, and the page's ids come from an
 * index-only scan of (ticketId, createdAt, id), so a deep page costs about what the first one does.
 */
export async function listMessages(db: Db, query: TListMessagesQuery): Promise<TMessageList> {
  const ticket = await db.ticket.findUnique({ where: { id: query.ticket_id }, select: { messageCount: true } });
  if (!ticket) throw notFound("Ticket", query.ticket_id);
  const offset = (query.page - 1) * query.limit;
  const page = { page: query.page, limit: query.limit, total: ticket.messageCount };
  if (offset >= ticket.messageCount) return paginate([], page);
  const direction = query.sort_order === "desc" ? Prisma.sql`DESC` : Prisma.sql`ASC`;
  const ids = await db.$queryRaw<{ id: string }[]>`
    SELECT id FROM "Message" WHERE "ticketId" = ${query.ticket_id}
    ORDER BY "createdAt" ${direction}, id ${direction} OFFSET ${offset} LIMIT ${query.limit}`;
  const rows = await db.message.findMany({ where: { id: { in: ids.map((row) => row.id) } }, select: messageSelect });
  const byId = new Map(rows.map((row) => [row.id, row]));
  const data = ids.flatMap(({ id }) => {
    const row = byId.get(id);
    return row ? [toMessage(row)] : [];
  });
  return paginate(data, page);
}
