// Mail that must never become a ticket nor draw a reply (RFC 3834 and the headers mailers use in practice):
// auto-replies, bulk and list mail, our own mail coming back, and mailer-daemon chatter. Answering any of them could
// start a mail loop with another robot.
import { mailDomain } from "../mail/config.ts";
import { isOurAddress } from "./addresses.ts";
import type { InboundMail } from "./parse.ts";
import type { InboundConfig } from "./types.ts";

const BULK_PRECEDENCE = /^(bulk|junk|list)\b/i;
const DAEMON_SENDER = /^(mailer-daemon|postmaster)@/i;
// The ids our outgoing mails carry (compose.ts): a message's own and, in References, its ticket's, at our domain.
const isOurMessageId = (messageId: string, config: InboundConfig) =>
  /^<(msg|tkt)_[0-9a-z]{26}@/.test(messageId) && messageId.toLowerCase().endsWith(`@${mailDomain(config.fromEmail)}>`);

/** Whether the mail is a delivery status notification (RFC 3464), which bounce.ts reads. */
export function isDeliveryReport(mail: InboundMail): boolean {
  const type = mail.headers.get("content-type") as { value?: string; params?: Record<string, string> } | undefined;
  return type?.value?.toLowerCase() === "multipart/report" && type.params?.["report-type"]?.toLowerCase() === "delivery-status";
}

/** Why the mail is noise, or null when a person wrote it. Delivery reports are not judged here. */
export function noiseReason(mail: InboundMail, config: InboundConfig): string | null {
  const autoSubmitted = mail.header("auto-submitted");
  if (autoSubmitted && !/^no\b/i.test(autoSubmitted)) return `Auto-reply (Auto-Submitted: ${autoSubmitted})`;
  if (mail.header("x-autoreply") || mail.header("x-autorespond")) return "Auto-reply (X-Autoreply)";
  const precedence = mail.header("precedence") ?? mail.header("x-precedence");
  if (precedence && BULK_PRECEDENCE.test(precedence)) return `Bulk or list mail (Precedence: ${precedence})`;
  if (isOurAddress(mail.from.email, config) || isOurMessageId(mail.messageId, config)) return "Our own mail came back";
  if (DAEMON_SENDER.test(mail.from.email)) return "A mailer-daemon notice that is not a delivery failure report";
  return null;
}
