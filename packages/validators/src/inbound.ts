import { z } from "zod";
import { ZPaginationQuery, ZPathId, ZTimestamp, paginated } from "./common.ts";

// Inbound email (CONTRACT §11): the route's answer, and the admins' view of received mail and of the set-up.

export const INBOUND_MEDIA_TYPE = "message/rfc822";
/** The HTTP door, where relays POST raw mail (the front door lets its body through up to the upload limit). */
export const INBOUND_EMAIL_PATH = "/helpdesk/api/inbound/email";

export const ZInboundOutcome = z.enum(["new_ticket", "appended", "follow_up", "duplicate", "ignored", "bounce", "unparseable"]);
export type TInboundOutcome = z.infer<typeof ZInboundOutcome>;

export const ZInboundDoor = z.enum(["smtp", "http", "imap"]);

/** Answer of `POST /inbound/email`. */
export const ZInboundReceipt = z.object({
  outcome: ZInboundOutcome.exclude(["unparseable"]).describe(
    "new_ticket, appended, follow_up (mail to a closed ticket: a new ticket with followUpOfId), duplicate (same Message-ID seen before), ignored (auto-reply, loop, mailer-daemon) or bounce (a DSN: the outgoing mail it reports is now failed)",
  ),
  ticketId: z.string().nullable().describe("The ticket the mail created or joined; null where nothing was created"),
  messageId: z.string().nullable().describe("The request message the mail became; null where nothing was created"),
});
export type TInboundReceipt = z.infer<typeof ZInboundReceipt>;

export const ZListInboundEmailsQuery = ZPaginationQuery.extend({
  outcome: ZInboundOutcome.exclude(["duplicate"]).optional().describe("Only mails with this outcome (e.g. unparseable)"),
});
export type TListInboundEmailsQuery = z.output<typeof ZListInboundEmailsQuery>;
export type TListInboundEmailsQueryInput = z.input<typeof ZListInboundEmailsQuery>;

export const ZInboundEmailIdParam = z.object({ inbound_id: ZPathId.describe("ID of the received mail (inb_…)") });

export const ZInboundEmail = z.object({
  id: z.string().describe("Unique identifier (inb_…)"),
  door: ZInboundDoor.describe("How it arrived: smtp, http or imap"),
  outcome: ZInboundOutcome.exclude(["duplicate"]),
  reason: z.string().nullable().describe("Why it was ignored or could not be read, or the bounce's reason"),
  fromEmail: z.string().nullable(),
  subject: z.string().nullable(),
  size: z.number().int().min(0).describe("Size of the original in bytes"),
  ticketId: z.string().nullable(),
  messageId: z.string().nullable(),
  receivedAt: ZTimestamp,
});
export type TInboundEmail = z.infer<typeof ZInboundEmail>;

export const ZInboundEmailList = paginated(ZInboundEmail);
export type TInboundEmailList = z.infer<typeof ZInboundEmailList>;

/** How mail reaches this server, for the admins' Inbound page (no secrets). */
export const ZInboundSetup = z.object({
  addresses: z.array(z.string()).describe("Addresses mail is accepted for (and their plus-addressed forms)"),
  replyTo: z.string().describe("The Reply-To our mails carry, e.g. for ticket tkt_…"),
  smtp: z.object({ enabled: z.boolean(), port: z.number().int().nullable() }),
  http: z.object({ enabled: z.boolean(), path: z.string() }),
  imap: z.object({ enabled: z.boolean(), host: z.string().nullable(), mailbox: z.string().nullable(), pollSeconds: z.number() }),
});
export type TInboundSetup = z.infer<typeof ZInboundSetup>;
