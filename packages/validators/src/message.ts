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

export const RECIPIENTS_MAX = 50;
export const CCS_MAX = 48;
export const ATTACHMENTS_MAX = 50;

// ---- Requests (snake_case, as the reference) -------------------------------

export const ZListMessagesQuery = ZSortedPaginationQuery.extend({
  ticket_id: ZTicketId,
});
export type TListMessagesQuery = z.output<typeof ZListMessagesQuery>;
export type TListMessagesQueryInput = z.input<typeof ZListMessagesQuery>;

export const ZMessageIdParam = z.object({ message_id: ZPathId });
export type TMessageIdParam = z.infer<typeof ZMessageIdParam>;

/** A reference to an uploaded file: `token` comes from `POST /attachments`. */
export const ZAttachmentRef = z.object({
  token: z.string().min(1).max(200),
  name: z.string().trim().min(1).max(255).optional(),
  size: z.number().int().min(0).optional(),
});
export type TAttachmentRef = z.infer<typeof ZAttachmentRef>;

/**
 * Strict: a misspelt field here would otherwise be dropped silently while the message is still
 * created. `closed` is accepted; refusing it is the business rule CLOSED_STATUS_SYSTEM_ONLY.
 */
export const ZTicketUpdate = z
  .object({
    status: ZTicketStatus.optional(),
    priority: ZTicketPriority.optional(),
    type: ZTicketType.optional(),
  })
  .strict();
export type TTicketUpdate = z.infer<typeof ZTicketUpdate>;

export const ZCreateMessageBody = z
  .object({
    ticket_id: ZTicketId,
    type: ZMessageType,
    content: z.string().trim().min(1).max(CONTENT_MAX_CHARS),
    text_content: z.string().max(CONTENT_MAX_CHARS).optional(),
    recipients: z.array(ZEmailAddress).min(1).max(RECIPIENTS_MAX).optional(),
    ccs: z.array(ZEmailAddress).max(CCS_MAX).optional(),
    attachments: z.array(ZAttachmentRef).max(ATTACHMENTS_MAX).optional(),
    send_email: z.boolean().default(true),
    is_forward: z.boolean().default(false),
    ticket_update: ZTicketUpdate.optional(),
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
export type TCreateMessageBody = z.output<typeof ZCreateMessageBody>;
export type TCreateMessageBodyInput = z.input<typeof ZCreateMessageBody>;

// ---- Responses (camelCase) -------------------------------------------------

export const ZAttachment = z.object({
  id: ZAttachmentId,
  name: z.string(),
  size: z.number().int().min(0),
  contentType: z.string(),
  url: z.string(),
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

export const ZMessageDelivery = z.object({
  status: ZDeliveryStatus,
  attempts: z.number().int().min(0),
  lastError: z.string().nullable(),
});
export type TMessageDelivery = z.infer<typeof ZMessageDelivery>;

export const ZMessage = z.object({
  id: ZMessageId,
  ticketId: ZTicketId,
  type: ZMessageType,
  content: z.string(),
  textContent: z.string(),
  authorId: ZUserId,
  attachments: z.array(ZAttachment),
  ccs: z.array(ZRecipient),
  recipients: z.array(ZRecipient),
  isForward: z.boolean(),
  delivery: ZMessageDelivery,
  createdAt: ZTimestamp,
  updatedAt: ZTimestamp,
});
export type TMessage = z.infer<typeof ZMessage>;

export const ZMessageList = paginated(ZMessage);
export type TMessageList = z.infer<typeof ZMessageList>;
