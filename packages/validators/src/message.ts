import { z } from "zod";
import {
  ZPathId,
  CONTENT_MAX_CHARS,
  ZAttachmentId,
  ZDeliveryStatus,
  ZEmailAddress,
  ZMessageId,
  ZMessageType,
  ZRecipient,
  ZSortedPaginationQuery,
  ZTicketId,
  ZTicketPriority,
  ZTicketStatus,
  ZTicketType,
  ZTimestamp,
  ZUserId,
  paginated,
} from "./common.ts";
import { ZTags } from "./ticket.ts";

export const RECIPIENTS_MAX = 50;
export const CCS_MAX = 48;
export const ATTACHMENTS_MAX = 50;

// ---- Requests (snake_case, as the reference) -------------------------------

export const ZListMessagesQuery = ZSortedPaginationQuery.extend({
  ticket_id: ZTicketId.describe("The ticket to list messages for"),
});
export type TListMessagesQuery = z.output<typeof ZListMessagesQuery>;
export type TListMessagesQueryInput = z.input<typeof ZListMessagesQuery>;

export const ZMessageIdParam = z.object({ message_id: ZPathId });
export type TMessageIdParam = z.infer<typeof ZMessageIdParam>;

/** A reference to an uploaded file: `token` comes from `POST /attachments`. */
export const ZAttachmentRef = z.object({
  token: z.string().min(1).max(200).describe("Upload token from POST /attachments; usable once, by its uploader, for 1 hour"),
  name: z.string().trim().min(1).max(255).optional().describe("File name to show instead of the uploaded one"),
  size: z.number().int().min(0).optional().describe("Size in bytes"),
});
export type TAttachmentRef = z.infer<typeof ZAttachmentRef>;

/**
 * Strict: a misspelt field here would otherwise be dropped silently while the message is still
 * created. `closed` is accepted; refusing it is the business rule CLOSED_STATUS_SYSTEM_ONLY.
 */
export const ZTicketUpdate = z
  .object({
    status: ZTicketStatus.optional().describe("New ticket status (closed is set by the system only)"),
    priority: ZTicketPriority.optional().describe("low, normal, high, urgent"),
    type: ZTicketType.optional().describe("question, incident, problem, task"),
    add_tags: ZTags.optional().describe("Tags to add (the ones the ticket has stay; a macro's tags travel here)"),
  })
  .strict();
export type TTicketUpdate = z.infer<typeof ZTicketUpdate>;

export const ZCreateMessageBody = z
  .object({
    ticket_id: ZTicketId.describe("ID of the parent ticket"),
    type: ZMessageType.describe("request, response, or note"),
    content: z.string().trim().min(1).max(CONTENT_MAX_CHARS).describe("HTML content"),
    text_content: z.string().max(CONTENT_MAX_CHARS).optional().describe("Plain-text fallback"),
    recipients: z
      .array(ZEmailAddress)
      .min(1)
      .max(RECIPIENTS_MAX)
      .optional()
      .describe("Override recipients for forwards ({ email, name }); required when is_forward is true"),
    ccs: z.array(ZEmailAddress).max(CCS_MAX).optional().describe("CC recipients ({ email, name }), de-duplicated case-insensitively"),
    attachments: z.array(ZAttachmentRef).max(ATTACHMENTS_MAX).optional().describe("Attachment references ({ token, name, size })"),
    send_email: z.boolean().default(true).describe("Send email for response type (default: true); note and request never send"),
    is_forward: z.boolean().default(false).describe("Treat as a forward: the email goes to recipients instead of the requester"),
    ticket_update: ZTicketUpdate.optional().describe("Atomically update ticket fields with the message"),
    last_seen_message_id: ZMessageId.optional().describe(
      "The newest message the sender has seen: if someone else added one to the ticket since, nothing is created and the answer is 409 CONFLICT with details.newMessageIds",
    ),
  })
  .superRefine((body, ctx) => {
    if (body.is_forward === true && body.recipients === undefined) {
      ctx.addIssue({
        code: "custom",
        path: ["recipients"],
        message: "Recipients are required when forwarding.",
        params: { code: "REQUIRED" },
      });
    }
  });
/** The `Idempotency-Key` header of `POST /messages` (the REST adapter hands it to the procedure as `idempotency_key`). */
export const ZIdempotencyKeyHeader = z
  .string()
  .min(1)
  .max(255)
  .optional()
  .describe("A repeat with the same body within 24 hours returns the first answer and creates nothing; the same key with a different body is a 409 CONFLICT");

export type TCreateMessageBody = z.output<typeof ZCreateMessageBody>;
export type TCreateMessageBodyInput = z.input<typeof ZCreateMessageBody>;

// ---- Responses (camelCase) -------------------------------------------------

export const ZAttachment = z.object({
  id: ZAttachmentId.describe("Unique identifier"),
  name: z.string().describe("File name"),
  size: z.number().int().min(0).describe("Size in bytes"),
  contentType: z.string().describe("Media type of the file"),
  url: z.string().describe("Where to download the file"),
});
export type TAttachment = z.infer<typeof ZAttachment>;

/** Answer of `POST /attachments`. */
export const ZAttachmentUpload = z.object({
  token: z.string(),
  name: z.string(),
  size: z.number().int().min(0),
  contentType: z.string(),
  expiresAt: ZTimestamp,
});
export type TAttachmentUpload = z.infer<typeof ZAttachmentUpload>;

export const ZMessageSource = z.enum(["api", "console", "email"]);
export type TMessageSource = z.infer<typeof ZMessageSource>;

export const ZMessageDelivery = z.object({
  status: ZDeliveryStatus.describe("not_sent (note, request, or send_email false), queued, sent, or failed"),
  attempts: z.number().int().min(0).describe("Delivery attempts so far"),
  lastError: z.string().nullable().describe("Why the last attempt failed, or null"),
});
export type TMessageDelivery = z.infer<typeof ZMessageDelivery>;

export const ZMessage = z
  .object({
    id: ZMessageId.describe("Unique identifier"),
    ticketId: ZTicketId.describe("ID of the parent ticket"),
    type: ZMessageType.describe("request, response, or note"),
    content: z.string().describe("HTML content of the message, stored sanitized"),
    textContent: z.string().describe("Plain-text content: the given text_content, or the text derived from content"),
    authorId: ZUserId.nullable().describe("ID of the user who created the message; null for a customer's mail (see `from`)"),
    from: ZRecipient.nullable().describe("The sender of a message that came by mail (customers are not users), or null"),
    source: ZMessageSource.describe("Where the message came from: api, console, or email"),
    attachments: z.array(ZAttachment).describe("File attachments"),
    ccs: z.array(ZRecipient).describe("CC recipients"),
    recipients: z.array(ZRecipient).describe("Recipients of a forward"),
    isForward: z.boolean().describe("Whether the message was sent as a forward"),
    delivery: ZMessageDelivery.describe("Email delivery of the message"),
    undoableUntil: ZTimestamp.nullable().describe(
      "Until when its author can still undo this response (POST /messages/:id/undo) and its mail waits; null when it cannot be undone",
    ),
    createdAt: ZTimestamp.describe("Creation time (UTC)"),
    updatedAt: ZTimestamp.describe("Last update time (UTC)"),
  })
  .describe("An individual reply, response, or internal note within a ticket conversation");
export type TMessage = z.infer<typeof ZMessage>;

export const ZMessageList = paginated(ZMessage);
export type TMessageList = z.infer<typeof ZMessageList>;
