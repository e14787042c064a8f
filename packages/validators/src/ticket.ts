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

const ZSubject = z.string().trim().min(1).max(SUBJECT_MAX);
const ZTags = z.array(z.string().trim().min(1).max(TAG_MAX_CHARS)).max(TAGS_MAX);

// ---- Requests (snake_case) -------------------------------------------------

export const ZTicketIdParam = z.object({ ticket_id: ZPathId });
export type TTicketIdParam = z.infer<typeof ZTicketIdParam>;

/** `status: "closed"` passes here; refusing it is the business rule CLOSED_STATUS_SYSTEM_ONLY. */
export const ZCreateTicketBody = z.object({
  subject: ZSubject,
  requester_email: ZEmail,
  requester_name: ZPersonName.nullish(),
  priority: ZTicketPriority.optional(),
  type: ZTicketType.optional(),
  status: ZTicketStatus.optional(),
  tags: ZTags.optional(),
  // Becomes the ticket's first `request` message.
  content: z.string().trim().min(1).max(CONTENT_MAX_CHARS).optional(),
  text_content: z.string().max(CONTENT_MAX_CHARS).optional(),
});
export type TCreateTicketBody = z.infer<typeof ZCreateTicketBody>;

export const ZUpdateTicketBody = z.object({
  subject: ZSubject.optional(),
  status: ZTicketStatus.optional(),
  priority: ZTicketPriority.optional(),
  type: ZTicketType.optional(),
  // null unassigns.
  assignee_id: ZUserId.nullable().optional(),
  tags: ZTags.optional(),
});
export type TUpdateTicketBody = z.infer<typeof ZUpdateTicketBody>;

export const ZListTicketsQuery = ZSortedPaginationQuery.extend({
  status: ZTicketStatus.optional(),
  q: z.string().trim().max(SEARCH_MAX_CHARS).optional(),
  assignee_id: ZUserId.optional(),
});
export type TListTicketsQuery = z.output<typeof ZListTicketsQuery>;
export type TListTicketsQueryInput = z.input<typeof ZListTicketsQuery>;

// ---- Responses (camelCase) -------------------------------------------------

export const ZTicket = z.object({
  id: ZTicketId,
  subject: z.string(),
  status: ZTicketStatus,
  priority: ZTicketPriority,
  type: ZTicketType,
  requesterEmail: z.string(),
  requesterName: z.string().nullable(),
  assigneeId: ZUserId.nullable(),
  tags: z.array(z.string()),
  createdAt: ZTimestamp,
  updatedAt: ZTimestamp,
  resolvedAt: ZTimestamp.nullable(),
  closedAt: ZTimestamp.nullable(),
});
export type TTicket = z.infer<typeof ZTicket>;

export const ZTicketList = paginated(ZTicket);
export type TTicketList = z.infer<typeof ZTicketList>;
