import { z } from "zod";
import { ZPaginationQuery, ZRecipient, ZTimestamp, paginated } from "./common.ts";

// The outbox: outgoing emails and their delivery, for the console's Outbox page.

export const ZOutboxStatus = z.enum(["queued", "sending", "sent", "failed"]);
export type TOutboxStatus = z.infer<typeof ZOutboxStatus>;

export const ZListOutboxQuery = ZPaginationQuery.extend({
  status: ZOutboxStatus.optional().describe("Only emails in this state"),
});
export type TListOutboxQuery = z.output<typeof ZListOutboxQuery>;
export type TListOutboxQueryInput = z.input<typeof ZListOutboxQuery>;

export const ZOutboxEmail = z.object({
  id: z.string().describe("Unique identifier (eml_…)"),
  messageId: z.string().describe("The message this email delivers"),
  ticketId: z.string().describe("The message's ticket"),
  to: z.array(ZRecipient).describe("Recipients"),
  cc: z.array(ZRecipient).describe("CC recipients"),
  subject: z.string(),
  status: ZOutboxStatus.describe("queued (waiting or between retries), sending, sent, or failed (gave up)"),
  attempts: z.number().int().min(0).describe("Delivery attempts so far"),
  lastError: z.string().nullable().describe("Why the last attempt failed, or null"),
  nextAttemptAt: ZTimestamp.nullable().describe("When a queued email is tried next; null once sent or failed"),
  sentAt: ZTimestamp.nullable(),
  createdAt: ZTimestamp,
});
export type TOutboxEmail = z.infer<typeof ZOutboxEmail>;

export const ZOutboxList = paginated(ZOutboxEmail);
export type TOutboxList = z.infer<typeof ZOutboxList>;
