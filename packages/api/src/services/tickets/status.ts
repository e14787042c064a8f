// The status rules shared by ticket updates and messages' ticket_update.
import type { TicketStatus } from "@helpdesk/db";
import { AppError } from "../../errors.ts";

/** Only the automation closes tickets: any client asking for `closed` is refused, admins included. */
export function assertClientStatus(status: TicketStatus | undefined): void {
  if (status === "closed") {
    throw new AppError("CLOSED_STATUS_SYSTEM_ONLY", "Only the system closes tickets: resolve the ticket and it closes automatically.");
  }
}

/** The refusal of any change to a closed ticket: it is read-only for everyone. */
export const ticketClosed = (id: string) => new AppError("TICKET_CLOSED", `Ticket ${id} is closed and can no longer be changed.`);

export function assertNotClosed(ticket: { id: string; status: TicketStatus }): void {
  if (ticket.status === "closed") throw ticketClosed(ticket.id);
}

/** The fields that follow a status change: resolvedAt marks the latest resolution and is cleared on reopening. */
export function statusChange(from: TicketStatus, to: TicketStatus | undefined, now: Date) {
  if (!to || to === from) return {};
  return { status: to, resolvedAt: to === "resolved" ? now : null };
}

