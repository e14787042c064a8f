// Bulk actions on tickets (issue 13 item 6; an addition to CONTRACT §13): several tickets changed in one request.
import { z } from "zod";
import { ZErrorCode } from "./errors.ts";
import { ZTicketId, ZTicketPriority, ZTicketStatus, ZTicketType, ZUserId } from "./common.ts";
import { ZTags, ZTicket } from "./ticket.ts";

/** The most tickets one bulk request may name: a page of the inbox at its largest. */
export const BULK_TICKETS_MAX = 100;

// ---- Requests (snake_case) -------------------------------------------------

/** Strict, as a message's ticket_update: a misspelt change would otherwise be dropped while the others apply. */
export const ZBulkTicketChanges = z
  .object({
    status: ZTicketStatus.optional().describe("New status (closed is set by the system only)"),
    priority: ZTicketPriority.optional().describe("low, normal, high, urgent"),
    type: ZTicketType.optional().describe("question, incident, problem, task"),
    assignee_id: ZUserId.nullable().optional().describe("User to assign, or null to unassign"),
    add_tags: ZTags.min(1).optional().describe("Tags to add (the ones each ticket has stay)"),
  })
  .strict()
  .refine((changes) => Object.values(changes).some((value) => value !== undefined), {
    message: "Name at least one change.",
    params: { code: "REQUIRED" },
  });
export type TBulkTicketChanges = z.infer<typeof ZBulkTicketChanges>;

export const ZBulkUpdateTicketsBody = z.object({
  ticket_ids: z
    .array(ZTicketId)
    .min(1)
    .max(BULK_TICKETS_MAX)
    .refine((ids) => new Set(ids).size === ids.length, "Must not name a ticket twice.")
    .describe(`The tickets to change (1 to ${BULK_TICKETS_MAX}, each once)`),
  changes: ZBulkTicketChanges.describe("What to change on every one of them"),
});
export type TBulkUpdateTicketsBody = z.infer<typeof ZBulkUpdateTicketsBody>;

// ---- Responses (camelCase) -------------------------------------------------

export const ZBulkRefusal = z.object({
  ticketId: ZTicketId.describe("The ticket left unchanged"),
  code: ZErrorCode.describe("Why: TICKET_CLOSED, NOT_FOUND, or VALIDATION_ERROR (it would pass the tag limit)"),
  message: z.string().describe("Human sentence"),
});
export type TBulkRefusal = z.infer<typeof ZBulkRefusal>;

export const ZBulkUpdateResult = z.object({
  updated: z.array(ZTicket).describe("The tickets changed, in the order asked, as they are now"),
  refused: z.array(ZBulkRefusal).describe("The tickets left unchanged, in the order asked, and why"),
});
export type TBulkUpdateResult = z.infer<typeof ZBulkUpdateResult>;
