import type { Prisma } from "@helpdesk/db";
import type { TTicket } from "@helpdesk/validators";

export const ticketSelect = {
  id: true, subject: true, status: true, priority: true, type: true, requesterEmail: true, requesterName: true,
  assigneeId: true, tags: true, createdAt: true, updatedAt: true, resolvedAt: true, closedAt: true, followUpOfId: true,
} satisfies Prisma.TicketSelect;

export type TicketRow = Prisma.TicketGetPayload<{ select: typeof ticketSelect }>;

export function toTicket(row: TicketRow): TTicket {
  return {
    ...row,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    resolvedAt: row.resolvedAt?.toISOString() ?? null,
    closedAt: row.closedAt?.toISOString() ?? null,
  };
}
