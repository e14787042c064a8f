// Records the fuzzer and the authorization matrix point at: a ticket with a message carrying an attachment, made
// through the REST API as a client would.
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

export const idPool = (fixture: Fixture, userIds: string[]): IdPool => ({
  tkt: [fixture.ticketId],
  msg: [fixture.messageId],
  usr: userIds,
  att: [fixture.attachmentId],
});

/**
 * Signed-out requests spend the client address's budget, which lives in PostgreSQL and so outlives the server: a file
 * that sends thousands from loopback gives the address's budget back, so the next file's server (with the default
 * budget) does not start out refusing loopback.
 */
export async function releaseAddressBudgets(databaseUrl: string): Promise<void> {
  await dbFor(databaseUrl).$executeRaw`DELETE FROM "RateLimit" WHERE "key" LIKE 'requests:address:%'`;
}
