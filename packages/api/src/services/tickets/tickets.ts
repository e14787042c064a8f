import { newId, type Prisma, type Db, type MessageSource } from "@helpdesk/db";
import { statusesOf, type TCreateTicketBody, type TListTicketsQuery, type TTicket, type TUpdateTicketBody } from "@helpdesk/validators";
import { messageContent } from "../../content/message-content.ts";
import { notFound } from "../../errors.ts";
import { publish } from "../../events/bus.ts";
import { paginate } from "../pagination.ts";
import { setActor } from "./actor.ts";
import { ticketSelect, toTicket } from "./serialize.ts";
import { assertClientStatus, assertNotClosed, statusChange } from "./status.ts";

export async function getTicket(db: Db, id: string): Promise<TTicket> {
  const row = await db.ticket.findUnique({ where: { id }, select: ticketSelect });
  if (!row) throw notFound("Ticket", id);
  return toTicket(row);
}

// Prisma hands `contains` to ILIKE as is: its wildcards must match themselves.
const escapeLike = (text: string) => text.replace(/[\\%_]/g, "\\$&");

/** `assignee_id` as a filter: `none` is no assignee, `me` the caller. */
function assigneeFilter(assigneeId: TListTicketsQuery["assignee_id"], callerId: string) {
  if (assigneeId === "none") return null;
  return assigneeId === "me" ? callerId : assigneeId;
}

export async function listTickets(db: Db, query: TListTicketsQuery, callerId: string) {
  const q = query.q ? escapeLike(query.q) : undefined;
  const where: Prisma.TicketWhereInput = {
    status: query.status && { in: statusesOf(query.status) as TTicket["status"][] },
    assigneeId: assigneeFilter(query.assignee_id, callerId),
    // Stored lower-cased by every door (the API, the inbound pipeline), and the query is lower-cased too.
    requesterEmail: query.requester_email,
    followUpOfId: query.follow_up_of,
    ...(q
      ? {
          OR: [
            { subject: { contains: q, mode: "insensitive" } },
            { requesterEmail: { contains: q, mode: "insensitive" } },
            { requesterName: { contains: q, mode: "insensitive" } },
          ],
        }
      : {}),
  };
  const total = await db.ticket.count({ where });
  const skip = (query.page - 1) * query.limit;
  const rows =
    skip >= total
      ? []
      : await db.ticket.findMany({
          where,
          select: ticketSelect,
          orderBy: [{ updatedAt: query.sort_order }, { id: query.sort_order }],
          skip,
          take: query.limit,
        });
  return paginate(rows.map(toTicket), { page: query.page, limit: query.limit, total });
}

export async function createTicket(db: Db, { authorId, source }: { authorId: string; source: MessageSource }, input: TCreateTicketBody): Promise<TTicket> {
  assertClientStatus(input.status);
  const now = new Date();
  const id = newId("tkt");
  const message = input.content === undefined ? undefined : messageContent(input.content, input.text_content);
  const row = await db.ticket.create({
    data: {
      id,
      subject: input.subject,
      requesterEmail: input.requester_email.toLowerCase(),
      requesterName: input.requester_name ?? null,
      priority: input.priority,
      type: input.type,
      tags: input.tags ?? [],
      ...statusChange("new", input.status, now),
      messageCount: message === undefined ? 0 : 1,
      ...(message === undefined ? {} : { messages: { create: { id: newId("msg"), type: "request", authorId, source, ...message } } }),
    },
    select: ticketSelect,
  });
  await publish(db, { kind: "ticket.changed", ticketId: id });
  return toTicket(row);
}

export async function updateTicket(db: Db, id: string, input: TUpdateTicketBody, actorId: string): Promise<TTicket> {
  assertClientStatus(input.status);
  return db.$transaction(async (tx) => {
    await setActor(tx, actorId);
    const current = await lockTicket(tx, id);
    assertNotClosed(current);
    await assertAssigneeExists(tx, input.assignee_id);
    const row = await tx.ticket.update({
      where: { id },
      data: {
        subject: input.subject, priority: input.priority, type: input.type, tags: input.tags,
        assigneeId: input.assignee_id,
        ...statusChange(current.status, input.status, new Date()),
      },
      select: ticketSelect,
    });
    await publish(tx, { kind: "ticket.changed", ticketId: id });
    return toTicket(row);
  });
}

/** An assignee must be a user (null or absent: nothing to check). */
export async function assertAssigneeExists(tx: Prisma.TransactionClient, assigneeId: string | null | undefined): Promise<void> {
  if (!assigneeId) return;
  const assignee = await tx.user.findUnique({ where: { id: assigneeId }, select: { id: true } });
  if (!assignee) throw notFound("User", assigneeId);
}

/** Reads a ticket and locks its row until the transaction ends, so status rules see a stable ticket. */
export async function lockTicket(tx: Prisma.TransactionClient, id: string) {
  const rows = await tx.$queryRaw<{ id: string; status: "new" | "open" | "pending" | "resolved" | "closed"; subject: string; requesterEmail: string; requesterName: string | null }[]>`
    SELECT id, status::text AS status, subject, "requesterEmail", "requesterName" FROM "Ticket" WHERE id = ${id} FOR UPDATE`;
  const ticket = rows[0];
  if (!ticket) throw notFound("Ticket", id);
  return ticket;
}
