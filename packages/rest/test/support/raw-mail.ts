// Raw RFC 822 mails as customers' mailers and mail servers write them, and the HTTP door a relay posts them to.
import { randomUUID } from "node:crypto";
import { customerMail as plainMail, type MailOptions } from "@helpdesk/api/test-support/customer-mail";
import type { TestApi } from "./api.ts";

/** The domain of HELPDESK_FROM_EMAIL in these tests: our outgoing Message-IDs are `<msg_…@helpdesk.test>`. */
export const OUR_DOMAIN = "helpdesk.test";
export const SUPPORT_ADDRESS = `support@${OUR_DOMAIN}`;
export const INBOUND_SECRET = "inbound-secret-for-the-rest-tests-0123";

/** A plain-text mail from a new customer to our support address, with a Message-ID of its own. */
export const customerMail = (options: Omit<MailOptions, "to"> = {}) => plainMail({ to: `Support <${SUPPORT_ADDRESS}>`, ...options });

/** A receiving server's delivery failure report (RFC 3464) about our outgoing mail `<messageId@OUR_DOMAIN>`. */
export function deliveryFailure(messageId: string, recipient: string): string {
  const boundary = `report-${randomUUID()}`;
  return [
    `From: Mail Delivery System <MAILER-DAEMON@mx.${OUR_DOMAIN}>`,
    `To: ${SUPPORT_ADDRESS}`,
    "Subject: Undelivered Mail Returned to Sender",
    `Message-ID: <${randomUUID()}@mx.${OUR_DOMAIN}>`,
    "Auto-Submitted: auto-replied",
    "MIME-Version: 1.0",
    `Content-Type: multipart/report; report-type=delivery-status; boundary="${boundary}"`,
    "",
    `--${boundary}`,
    "Content-Type: text/plain; charset=utf-8",
    "",
    "Your message could not be delivered.",
    "",
    `--${boundary}`,
    "Content-Type: message/delivery-status",
    "",
    `Reporting-MTA: dns; mx.${OUR_DOMAIN}`,
    "",
    `Final-Recipient: rfc822; ${recipient}`,
    "Action: failed",
    "Status: 5.1.1",
    `Diagnostic-Code: smtp; 550 5.1.1 <${recipient}>: Recipient address rejected: User unknown`,
    "",
    `--${boundary}`,
    "Content-Type: text/rfc822-headers",
    "",
    `From: ${SUPPORT_ADDRESS}`,
    `To: ${recipient}`,
    "Subject: Re: Printer on fire",
    `Message-ID: <${messageId}@${OUR_DOMAIN}>`,
    "",
    `--${boundary}--`,
    "",
  ].join("\r\n");
}

/** POST /inbound/email as a relay does: the raw mail, the secret, `message/rfc822` unless told otherwise. */
export async function postMail(api: TestApi, raw: string | Uint8Array<ArrayBuffer>, { secret = INBOUND_SECRET, contentType = "message/rfc822" }: { secret?: string | null; contentType?: string } = {}) {
  const headers: Record<string, string> = { "content-type": contentType };
  if (secret !== null) headers.authorization = `Bearer ${secret}`;
  const response = await fetch(`${api.baseUrl}/inbound/email`, { method: "POST", headers, body: raw });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : null };
}

/** A file download as an API client makes it: status, headers and the exact bytes. */
export async function downloadBytes(api: TestApi, path: string, token?: string) {
  const response = await fetch(api.baseUrl + path, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  return { status: response.status, headers: response.headers, bytes: Buffer.from(await response.arrayBuffer()) };
}
