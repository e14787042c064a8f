// The raw mails the browser tests send to the e2e server's inbound SMTP door (test/support/smtp-client.ts sends them).

/** A raw RFC 5322 mail from header lines and a body (values given as they should appear), with CRLF line ends. */
export function rawMail(headers: Record<string, string>, body: string): string {
  return [...Object.entries(headers).map(([name, value]) => `${name}: ${value}`), "", body.replace(/\r?\n/g, "\r\n"), ""].join("\r\n");
}
