// A reply being written, kept on the server: one per user per ticket (CONTRACT §12). A draft may be unfinished, so
// it takes what a message would refuse for being incomplete (empty content, no recipients, an address still being
// typed), but never more than a message may hold, and never text PostgreSQL cannot store (refused at every door).
import { z } from "zod";
import { CONTENT_MAX_CHARS, ZMessageType, ZPersonName, ZRecipient, ZTicketId, ZTimestamp, ZUserId } from "./common.ts";
import { ATTACHMENTS_MAX, CCS_MAX, RECIPIENTS_MAX, ZAttachmentRef, ZAttachmentUpload, ZTicketUpdate } from "./message.ts";

/** The longest address an SMTP path can carry (RFC 5321: 64 + 1 + 255): room for anything a person types. */
export const DRAFT_EMAIL_MAX_CHARS = 320;

/** A CC or recipient as typed: the address is checked when the message is sent, not while it is being written. */
export const ZDraftAddress = z.object({
  email: z.string().max(DRAFT_EMAIL_MAX_CHARS).describe("Email address as typed, not yet checked"),
  name: ZPersonName.nullish().describe("Display name"),
});
export type TDraftAddress = z.infer<typeof ZDraftAddress>;

export const ZDraftVersion = z.number().int().min(0).max(2_147_483_647);

export const ZSaveDraftBody = z.object({
  type: ZMessageType.describe("request, response, or note"),
  content: z.string().max(CONTENT_MAX_CHARS).default("").describe("HTML content so far (may be empty); stored sanitized"),
  ccs: z.array(ZDraftAddress).max(CCS_MAX).default([]).describe("CC recipients ({ email, name }) as typed"),
  recipients: z.array(ZDraftAddress).max(RECIPIENTS_MAX).default([]).describe("Recipients of a forward ({ email, name }) as typed"),
  is_forward: z.boolean().default(false).describe("Whether the draft is a forward"),
  attachments: z
    .array(ZAttachmentRef)
    .max(ATTACHMENTS_MAX)
    .default([])
    .describe("Uploads ({ token, name, size }) from POST /attachments; saving keeps each upload for at least 7 days"),
  ticket_update: ZTicketUpdate.nullish().describe("Ticket fields to set when the message is sent"),
  version: ZDraftVersion.describe("The draft's version the client last saw; 0 when it has none. Any other answers 409 CONFLICT"),
});
export type TSaveDraftBody = z.output<typeof ZSaveDraftBody>;
export type TSaveDraftBodyInput = z.input<typeof ZSaveDraftBody>;

/** An upload kept with a draft; `token` goes back into `attachments[].token` when the message is sent. */
export const ZDraftAttachment = ZAttachmentUpload.pick({ token: true, name: true, size: true, contentType: true });
export type TDraftAttachment = z.infer<typeof ZDraftAttachment>;

export const ZDraft = z
  .object({
    ticketId: ZTicketId.describe("The ticket the draft answers"),
    userId: ZUserId.describe("The user writing it (only they see it)"),
    type: ZMessageType.describe("request, response, or note"),
    content: z.string().describe("HTML content so far, sanitized"),
    ccs: z.array(ZRecipient).describe("CC recipients as typed"),
    recipients: z.array(ZRecipient).describe("Recipients of a forward as typed"),
    isForward: z.boolean().describe("Whether the draft is a forward"),
    attachments: z.array(ZDraftAttachment).describe("Uploads kept with the draft"),
    ticketUpdate: ZTicketUpdate.nullable().describe("Ticket fields to set when the message is sent, or null"),
    version: z.number().int().min(1).describe("Goes up by one with every save; send it back as `version`"),
    updatedAt: ZTimestamp.describe("Last save (UTC)"),
  })
  .describe("A message being written by one user on one ticket, kept on the server");
export type TDraft = z.infer<typeof ZDraft>;
