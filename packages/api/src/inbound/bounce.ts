// A delivery status notification (RFC 3464) about one of our outgoing mails: the mail is marked `failed` with the
// remote server's reason, which the console shows on that reply.
import type { Prisma } from "@helpdesk/db";
import { publish } from "../events/bus.ts";
import type { InboundMail } from "./parse.ts";

export interface BounceReport {
  /** Our message the report is about, or null when it names no mail of ours. */
  messageId: string | null;
  /** Only a report whose action is `failed` marks anything: `delayed`, `delivered`, `relayed` are news only. */
  failed: boolean;
  reason: string;
}

const OUR_MESSAGE = /<(msg_[0-9a-z]{26})@[^>]+>/;
const field = (text: string, name: string) => new RegExp(`^${name}:\\s*(.+)$`, "im").exec(text)?.[1]?.trim() ?? null;

export function readBounce(mail: InboundMail): BounceReport {
  const parts = mail.attachments.map((attachment) => ({ type: attachment.contentType.toLowerCase(), text: attachment.content.toString("utf8") }));
  // mailparser hands a message/delivery-status part over as text; some mailers send it as an attachment.
  const status = [mail.text ?? "", ...parts.filter((part) => part.type === "message/delivery-status").map((part) => part.text)].join("\n");
  const returned = parts.filter((part) => part.type === "message/rfc822" || part.type === "text/rfc822-headers").map((part) => part.text);
  const original = [...returned.map((text) => field(text, "Message-ID") ?? ""), ...mail.answers].map((id) => OUR_MESSAGE.exec(id)?.[1]).find(Boolean);
  const action = field(status, "Action")?.toLowerCase() ?? "failed";
  const diagnostic = field(status, "Diagnostic-Code")?.replace(/^smtp;\s*/i, "");
  const recipient = field(status, "Final-Recipient")?.replace(/^rfc822;\s*/i, "");
  const reason = [recipient, diagnostic ?? field(status, "Status") ?? "undeliverable"].filter(Boolean).join(": ");
  return { messageId: original ?? null, failed: action.startsWith("failed"), reason };
}

/** Marks every outgoing mail of the message `failed`, and the message's delivery with it; false when there is none. */
export async function recordBounce(tx: Prisma.TransactionClient, report: BounceReport & { messageId: string }): Promise<string | null> {
  const lastError = `Bounced: ${report.reason}`.slice(0, 1000);
  const emails = await tx.outgoingEmail.updateManyAndReturn({
    where: { messageId: report.messageId },
    data: { status: "failed", lastError },
    select: { ticketId: true },
  });
  const ticketId = emails[0]?.ticketId;
  if (!ticketId) return null;
  await tx.message.update({ where: { id: report.messageId }, data: { deliveryStatus: "failed" } });
  await publish(tx, { kind: "ticket.changed", ticketId });
  return ticketId;
}
