// A customer's plain-text mail with a Message-ID, sender and subject of its own, as the inbound doors' tests send it.
import { newId } from "@helpdesk/db";

export interface CustomerMail {
  from: string;
  messageId: string;
  subject: string;
  raw: string;
}

export function customerMail({ to = "support@helpdesk.test", body = "My printer is on fire." } = {}): CustomerMail {
  const id = newId("tkt").slice(4);
  const from = `ann-${id}@customer.test`;
  const messageId = `<${id}@customer.test>`;
  const subject = `Printer on fire ${id}`;
  const raw = [
    `From: Ann Customer <${from}>`,
    `To: ${to}`,
    `Subject: ${subject}`,
    `Message-ID: ${messageId}`,
    "Date: Mon, 30 Nov 2026 10:00:00 +0000",
    "MIME-Version: 1.0",
    "Content-Type: text/plain; charset=utf-8",
    "",
    body,
    "",
  ].join("\r\n");
  return { from, messageId, subject, raw };
}
