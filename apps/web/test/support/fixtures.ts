// Records the fuzzer and the authorization matrix point at: a ticket with a message carrying an attachment, made
// through the REST API as a client would; and a customer's mail received through the relays' door.
import { randomUUID } from "node:crypto";
import type { IdPool } from "./arbitraries.ts";
import { dbFor } from "./users.ts";

async function call(baseUrl: string, token: string, method: string, path: string, body?: unknown) {
  const response = await fetch(`${baseUrl}/helpdesk/api${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { "content-type": "application/json" }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as { id: string; token: string; attachments: { id: string }[] };
}

export interface Fixture {
  ticketId: string;
  messageId: string;
  attachmentId: string;
}

export async function createFixture(baseUrl: string, agentToken: string): Promise<Fixture> {
  const ticket = await call(baseUrl, agentToken, "POST", "/tickets", { subject: "Fixture", requester_email: "fixture@example.test", content: "<p>Hello</p>" });
  const form = new FormData();
  form.append("file", new Blob(["hello"], { type: "text/plain" }), "hello.txt");
  const uploaded = await fetch(`${baseUrl}/helpdesk/api/attachments`, { method: "POST", headers: { authorization: `Bearer ${agentToken}` }, body: form });
  if (uploaded.status !== 201) throw new Error(`upload: ${uploaded.status} ${await uploaded.text()}`);
  const { token } = (await uploaded.json()) as { token: string };
  const message = await call(baseUrl, agentToken, "POST", "/messages", {
    ticket_id: ticket.id, type: "note", content: "<p>With a file</p>", attachments: [{ token }],
  });
  return { ticketId: ticket.id, messageId: message.id, attachmentId: message.attachments[0]?.id ?? "" };
}

/** HELPDESK_INBOUND_SECRET of the servers these fixtures run on: it opens the relays' door POST /inbound/email. */
export const INBOUND_SECRET = "inbound-secret-of-the-route-walking-tests";

export interface MailFixture {
  /** The request message a customer's mail became: it has an original (.eml). */
  messageId: string;
  /** That mail's received-mail record (inb_…). */
  inboundId: string;
}

/** A customer's mail posted to the relays' door, so that the routes of originals have real records to answer. */
export async function createMailFixture(baseUrl: string, databaseUrl: string): Promise<MailFixture> {
  const raw = `From: Casey <casey@example.test>\r\nTo: support@localhost\r\nSubject: Fixture mail\r\nMessage-ID: <${randomUUID()}@example.test>\r\n\r\nHello\r\n`;
  const response = await fetch(`${baseUrl}/helpdesk/api/inbound/email`, {
    method: "POST",
    headers: { authorization: `Bearer ${INBOUND_SECRET}`, "content-type": "message/rfc822" },
    body: raw,
  });
  if (response.status !== 202) throw new Error(`inbound mail: ${response.status} ${await response.text()}`);
  const { messageId } = (await response.json()) as { messageId: string };
  const row = await dbFor(databaseUrl).inboundEmail.findUniqueOrThrow({ where: { messageId }, select: { id: true } });
  return { messageId, inboundId: row.id };
}

export const idPool = (fixture: Fixture, userIds: string[], mail: MailFixture): IdPool => ({
  tkt: [fixture.ticketId],
  msg: [fixture.messageId, mail.messageId],
  usr: userIds,
  att: [fixture.attachmentId],
  inb: [mail.inboundId],
});

/**
 * Signed-out requests spend the client address's budget, which lives in PostgreSQL and so outlives the server: a file
 * that sends thousands from loopback gives the address's budget back, so the next file's server (with the default
 * budget) does not start out refusing loopback.
 */
export async function releaseAddressBudgets(databaseUrl: string): Promise<void> {
  await dbFor(databaseUrl).$executeRaw`DELETE FROM "RateLimit" WHERE "key" LIKE 'requests:address:%'`;
}
