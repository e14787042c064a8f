// A customer's plain-text mail with a Message-ID, sender and subject of its own, as the inbound doors' tests send it
// (the REST tests use it too, through `@helpdesk/api/test-support/customer-mail`).
import { newId } from "@helpdesk/db";

export interface CustomerMail {
  /** The sender, unique per mail so that each test finds its own ticket. */
  from: string;
  messageId: string;
  subject: string;
  raw: string;
}

export interface MailOptions {
  to?: string;
  subject?: string;
  body?: string;
  inReplyTo?: string;
  headers?: string[];
}

export function customerMail({ to = "support@helpdesk.test", subject, body = "My printer is on fire.", inReplyTo, headers = [] }: MailOptions = {}): CustomerMail {
  const id = newId("tkt").slice(4);
  const from = `ann-${id}@customer.test`;
  const messageId = `<${id}@customer.test>`;
  const chosenSubject = subject ?? `Printer on fire ${id}`;
  const raw = [
    `From: Ann Customer <${from}>`,
    `To: ${to}`,
    `Subject: ${chosenSubject}`,
    `Message-ID: ${messageId}`,
    ...(inReplyTo ? [`In-Reply-To: ${inReplyTo}`, `References: ${inReplyTo}`] : []),
    ...headers,
    "Date: Mon, 30 Nov 2026 10:00:00 +0000",
    "MIME-Version: 1.0",
    "Content-Type: text/plain; charset=utf-8",
    "",
    body,
    "",
  ].join("\r\n");
  return { from, messageId, subject: chosenSubject, raw };
}
