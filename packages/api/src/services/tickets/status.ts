// The status rules shared by ticket updates and messages' ticket_update.
import type { MessageType, Prisma, TicketPriority, TicketStatus, TicketType } from "@helpdesk/db";
import { AppError } from "../../errors.ts";

/** Only the automation closes tickets: any client asking for `closed` is refused, admins included. */
export function assertClientStatus(status: TicketStatus | undefined): void {
  if (status === "closed") {
    throw new AppError("CLOSED_STATUS_SYSTEM_ONLY", "Only the system closes tickets: resolve the ticket and it closes automatically.");
  }
}

export function assertNotClosed(ticket: { id: string; status: TicketStatus }): void {
  if (ticket.status === "closed") {
    throw new AppError("TICKET_CLOSED", `Ticket ${ticket.id} is closed and can no longer be changed.`);
  }
}

/** The fields that follow a status change: resolvedAt marks the latest resolution and is cleared on reopening. */
export function statusChange(from: TicketStatus, to: TicketStatus | undefined, now: Date) {
  if (!to || to === from) return {};
  return { status: to, resolvedAt: to === "resolved" ? now : null };
}

export interface TicketUpdate {
  status?: TicketStatus;
  priority?: TicketPriority;
  type?: TicketType;
}

/**
 * What a new message does to its ticket, in the message's transaction: one more message, fresh activity, the
 * `ticket_update`, and a customer writing again (a `request`, by API or by mail) reopens a ticket that was waiting
 * on them or resolved, unless the update says otherwise.
 */
export async function advanceTicket(
  tx: Prisma.TransactionClient,
  ticket: { id: string; status: TicketStatus },
  { type, update, now }: { type: MessageType; update?: TicketUpdate; now: Date },
): Promise<void> {
  const reopen = type === "request" && (ticket.status === "pending" || ticket.status === "resolved") ? "open" : undefined;
  await tx.ticket.update({
    where: { id: ticket.id },
    data: {
      priority: update?.priority,
      type: update?.type,
      ...statusChange(ticket.status, update?.status ?? reopen, now),
      messageCount: { increment: 1 },
      updatedAt: now,
    },
  });
}
