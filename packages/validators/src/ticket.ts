import { z } from "zod";
import {
  ZPathId,
  CONTENT_MAX_CHARS,
  ZEmail,
  ZPersonName,
  ZSortedPaginationQuery,
  ZTicketId,
  ZTicketPriority,
  ZTicketStatus,
  ZTicketType,
  ZTimestamp,
  ZUserId,
  paginated,
} from "./common.ts";

export const SUBJECT_MAX = 300;
export const TAGS_MAX = 20;
export const TAG_MAX_CHARS = 50;
export const SEARCH_MAX_CHARS = 200;
/** The statuses of work still in progress: the `active` filter and the Unassigned and Mine queues. */
export const ACTIVE_STATUSES = ["new", "open", "pending"] as const;

const ZSubject = z.string().trim().min(1).max(SUBJECT_MAX);
export const ZTags = z.array(z.string().trim().min(1).max(TAG_MAX_CHARS)).max(TAGS_MAX);

// ---- Requests (snake_case) -------------------------------------------------

/** A list's status filter: one status, or `active` for the work still in progress. */
export const ZTicketStatusFilter = z
  .union([ZTicketStatus, z.literal("active")])
  .describe("Only tickets with this status; active: the work still in progress (new, open or pending), as the Unassigned and Mine counts");
export type TTicketStatusFilter = z.infer<typeof ZTicketStatusFilter>;

/** The statuses a filter stands for. */
export const statusesOf = (filter: TTicketStatusFilter): string[] => (filter === "active" ? [...ACTIVE_STATUSES] : [filter]);

export const ZTicketIdParam = z.object({ ticket_id: ZPathId });
export type TTicketIdParam = z.infer<typeof ZTicketIdParam>;

/** `status: "closed"` passes here; refusing it is the business rule CLOSED_STATUS_SYSTEM_ONLY. */
export const ZCreateTicketBody = z.object({
  subject: ZSubject.describe("Subject line"),
  requester_email: ZEmail.describe("Email address of the customer who asks"),
  requester_name: ZPersonName.nullish().describe("Name of the customer who asks"),
  priority: ZTicketPriority.optional().describe("low, normal, high, urgent"),
  type: ZTicketType.optional().describe("question, incident, problem, task"),
  status: ZTicketStatus.optional().describe("Initial status (closed is set by the system only)"),
  tags: ZTags.optional().describe("Labels"),
  // Becomes the ticket's first `request` message.
  content: z.string().trim().min(1).max(CONTENT_MAX_CHARS).optional().describe("HTML content of the first request message"),
  text_content: z.string().max(CONTENT_MAX_CHARS).optional().describe("Plain-text fallback of content"),
});
export type TCreateTicketBody = z.infer<typeof ZCreateTicketBody>;

export const ZUpdateTicketBody = z.object({
  subject: ZSubject.optional().describe("Subject line"),
  status: ZTicketStatus.optional().describe("New ticket status (closed is set by the system only)"),
  priority: ZTicketPriority.optional().describe("low, normal, high, urgent"),
  type: ZTicketType.optional().describe("question, incident, problem, task"),
  // null unassigns.
  assignee_id: ZUserId.nullable().optional().describe("User to assign, or null to unassign"),
  tags: ZTags.optional().describe("Labels; replaces the current ones"),
});
export type TUpdateTicketBody = z.infer<typeof ZUpdateTicketBody>;

export const ZListTicketsQuery = ZSortedPaginationQuery.extend({
  status: ZTicketStatusFilter.optional(),
  q: z.string().trim().max(SEARCH_MAX_CHARS).optional().describe("Search text"),
  assignee_id: z
    .union([z.literal("none"), z.literal("me"), ZUserId])
    .optional()
    .describe("Only unassigned tickets (none), the caller's (me), or this user's"),
  requester_email: ZEmail.transform((email) => email.toLowerCase()).optional().describe("Only this customer's tickets (any case)"),
  follow_up_of: ZTicketId.optional().describe("Only the follow-ups of this (closed) ticket"),
});
export type TListTicketsQuery = z.output<typeof ZListTicketsQuery>;
export type TListTicketsQueryInput = z.input<typeof ZListTicketsQuery>;

// ---- Responses (camelCase) -------------------------------------------------

export const ZTicket = z.object({
  id: ZTicketId.describe("Unique identifier"),
  subject: z.string().describe("Subject line"),
  status: ZTicketStatus.describe("new, open, pending, resolved, or closed"),
  priority: ZTicketPriority.describe("low, normal, high, urgent"),
  type: ZTicketType.describe("question, incident, problem, task"),
  requesterEmail: z.string().describe("Email address of the customer who asked"),
  requesterName: z.string().nullable().describe("Name of the customer who asked"),
  assigneeId: ZUserId.nullable().describe("ID of the assigned user, or null"),
  tags: z.array(z.string()).describe("Labels"),
  createdAt: ZTimestamp.describe("Creation time (UTC)"),
  updatedAt: ZTimestamp.describe("Last update time (UTC)"),
  resolvedAt: ZTimestamp.nullable().describe("When the ticket was resolved (UTC), or null"),
  closedAt: ZTimestamp.nullable().describe("When the system closed the ticket (UTC), or null"),
  followUpOfId: ZTicketId.nullable().describe("The closed ticket this one follows up (a mail to a closed ticket), or null"),
});
export type TTicket = z.infer<typeof ZTicket>;

export const ZTicketList = paginated(ZTicket);
export type TTicketList = z.infer<typeof ZTicketList>;

/** The queues' sizes for the caller (CONTRACT §13): unassigned and mine count the tickets still in progress. */
export const ZTicketCounts = z.object({
  unassigned: z.number().int().min(0).describe("Tickets new, open or pending with no assignee"),
  mine: z.number().int().min(0).describe("Tickets new, open or pending assigned to the caller"),
  new: z.number().int().min(0).describe("Tickets with status new"),
  open: z.number().int().min(0).describe("Tickets with status open"),
  pending: z.number().int().min(0).describe("Tickets with status pending"),
  resolved: z.number().int().min(0).describe("Tickets with status resolved"),
});
export type TTicketCounts = z.infer<typeof ZTicketCounts>;
