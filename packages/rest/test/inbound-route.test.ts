// CONTRACT §11 over HTTP: the relays' door POST /inbound/email (secret, media type, outcomes), the original of a mail
// (GET /messages/:id/original) and what admins see of received mail.
import { getDb } from "@helpdesk/db";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { storedFiles } from "./support/uploads.ts";
import { call, useApi } from "./support/api.ts";
import { closeTicketInDb, createMessage, createTicket, expectError, getTicket, messageCount, setStatusInDb } from "./support/fixtures.ts";
import { customerMail, deliveryFailure, downloadBytes, INBOUND_SECRET, OUR_DOMAIN, postMail, SUPPORT_ADDRESS } from "./support/raw-mail.ts";
import { startTrpc, type TestTrpc, trpcBatch } from "./support/trpc.ts";

const IMAP_PASSWORD = "imap-password-never-shown";
Object.assign(process.env, {
  HELPDESK_FROM_EMAIL: SUPPORT_ADDRESS,
  HELPDESK_INBOUND_SECRET: INBOUND_SECRET,
  HELPDESK_IMAP_URL: `imaps://support%40${OUR_DOMAIN}:${IMAP_PASSWORD}@127.0.0.1:1993/INBOX`,
});
afterEach(() => {
  process.env.HELPDESK_INBOUND_SECRET = INBOUND_SECRET;
});

const { api, users: [agent, admin, viewer] } = useApi({ roles: ["agent", "admin", "viewer"] });
let trpc: TestTrpc;
beforeAll(async () => {
  trpc = await startTrpc();
});
afterAll(() => trpc?.close());

/** Posts a mail that must be received; answers the 202's body. */
async function receive(raw: string | Uint8Array<ArrayBuffer>) {
  const answer = await postMail(api, raw);
  expect(answer.status, JSON.stringify(answer.body)).toBe(202);
  return answer.body as { outcome: string; ticketId: string | null; messageId: string | null };
}

const inboundRows = () => getDb().inboundEmail.count();
const ticketsOf = (requesterEmail: string) => getDb().ticket.count({ where: { requesterEmail } });

describe("POST /inbound/email: who may post, and what", () => {
  it("does not exist while HELPDESK_INBOUND_SECRET is unset: 404, nothing stored", async () => {
    delete process.env.HELPDESK_INBOUND_SECRET;
    const mail = customerMail();
    expectError(await postMail(api, mail.raw), 404, "NOT_FOUND");
    expect(await ticketsOf(mail.from)).toBe(0);
  });

  it("401 UNAUTHORIZED without the secret, with a wrong one, and with a user's session token", async () => {
    const mail = customerMail();
    for (const secret of [null, "", `${INBOUND_SECRET}x`, INBOUND_SECRET.slice(0, -1), agent.token, admin.token]) {
      expectError(await postMail(api, mail.raw, { secret }), 401, "UNAUTHORIZED");
    }
    expect(await ticketsOf(mail.from)).toBe(0);
  });

  it("415 UNSUPPORTED_MEDIA_TYPE for a body that is not message/rfc822", async () => {
    const mail = customerMail();
    for (const contentType of ["text/plain", "application/json", "multipart/form-data; boundary=x", "message/rfc822x"]) {
      expectError(await postMail(api, mail.raw, { contentType }), 415, "UNSUPPORTED_MEDIA_TYPE");
    }
    expect(await ticketsOf(mail.from)).toBe(0);
  });

  it("422 VALIDATION_ERROR for what is no mail at all, and nothing is stored", async () => {
    const rowsBefore = await inboundRows();
    const filesBefore = (await storedFiles()).length;
    const noSender = "Subject: who sent this?\r\nMessage-ID: <no-sender@customer.test>\r\n\r\nNobody.\r\n";
    for (const garbage of ["", "just some words, no header block at all", "\r\n\r\n\r\n", noSender, new Uint8Array([0, 159, 146, 150, 255])]) {
      expectError(await postMail(api, garbage), 422, "VALIDATION_ERROR");
    }
    expect(await inboundRows()).toBe(rowsBefore);
    expect(await storedFiles()).toHaveLength(filesBefore);
  });

  it("a charset parameter on message/rfc822 is still message/rfc822", async () => {
    const mail = customerMail();
    expect((await postMail(api, mail.raw, { contentType: "Message/RFC822; charset=utf-8" })).status).toBe(202);
  });
});

describe("POST /inbound/email: what becomes of a mail", () => {
  it("a new mail → 202 new_ticket; the request reads back with its sender over REST and tRPC alike", async () => {
    const mail = customerMail({ body: "The printer in room 4 is on fire." });
    const receipt = await receive(mail.raw);
    expect(receipt).toEqual({ outcome: "new_ticket", ticketId: expect.stringMatching(/^tkt_/), messageId: expect.stringMatching(/^msg_/) });
    const message = await call(api, "GET", `/messages/${receipt.messageId}`, { token: agent.token });
    expect(message.status).toBe(200);
    expect(message.body).toMatchObject({
      id: receipt.messageId,
      ticketId: receipt.ticketId,
      type: "request",
      authorId: null,
      from: { email: mail.from, name: "Ann Customer" },
      source: "email",
      recipients: [],
    });
    expect(message.body.content).toContain("The printer in room 4 is on fire.");
    const viaTrpc = await trpcBatch(trpc, "query", [{ path: "message.byId", input: { message_id: receipt.messageId } }], { token: agent.token });
    expect(viaTrpc.results).toEqual([{ data: message.body }]);
    const ticket = await getTicket(api, agent.token, receipt.ticketId!);
    expect(ticket).toMatchObject({ subject: mail.subject, requesterEmail: mail.from, requesterName: "Ann Customer", status: "new", followUpOfId: null });
  });

  it("a reply to our outgoing mail → appended to its ticket, and a pending ticket opens again", async () => {
    const ticket = await createTicket(api, agent.token);
    const response = await createMessage(api, agent.token, { ticket_id: ticket.id, type: "response", content: "<p>Did you try turning it off?</p>" });
    await setStatusInDb(ticket.id, "pending");
    const before = await messageCount(ticket.id);
    const reply = customerMail({ subject: "Re: your printer", inReplyTo: `<${response.id}@${OUR_DOMAIN}>` });
    const receipt = await receive(reply.raw);
    expect(receipt).toEqual({ outcome: "appended", ticketId: ticket.id, messageId: expect.stringMatching(/^msg_/) });
    expect(await messageCount(ticket.id)).toBe(before + 1);
    expect((await getTicket(api, agent.token, ticket.id)).status).toBe("open");
  });

  it("the same mail twice → duplicate, with null ids, and one message", async () => {
    const mail = customerMail();
    const first = await receive(mail.raw);
    expect(first.outcome).toBe("new_ticket");
    expect(await receive(mail.raw)).toEqual({ outcome: "duplicate", ticketId: null, messageId: null });
    expect(await messageCount(first.ticketId!)).toBe(1);
    expect(await ticketsOf(mail.from)).toBe(1);
  });

  it("a mail to a closed ticket → follow_up: a new ticket linked to the closed one, and listed by follow_up_of", async () => {
    const closed = await createTicket(api, agent.token);
    await closeTicketInDb(closed.id);
    const mail = customerMail({ subject: `Re: ${closed.subject} [${closed.id}]` });
    const receipt = await receive(mail.raw);
    expect(receipt).toEqual({ outcome: "follow_up", ticketId: expect.stringMatching(/^tkt_/), messageId: expect.stringMatching(/^msg_/) });
    expect(receipt.ticketId).not.toBe(closed.id);
    expect(await getTicket(api, agent.token, receipt.ticketId!)).toMatchObject({ followUpOfId: closed.id, requesterEmail: mail.from, status: "new" });
    const followUps = await call(api, "GET", `/tickets?follow_up_of=${closed.id}`, { token: agent.token });
    expect(followUps.status).toBe(200);
    expect(followUps.body.data.map((ticket: { id: string }) => ticket.id)).toEqual([receipt.ticketId]);
    expect((await getTicket(api, agent.token, closed.id)).status).toBe("closed");
  });

  it("an auto-reply → ignored: null ids, no ticket", async () => {
    const mail = customerMail({ subject: "Out of office", headers: ["Auto-Submitted: auto-replied"] });
    expect(await receive(mail.raw)).toEqual({ outcome: "ignored", ticketId: null, messageId: null });
    expect(await ticketsOf(mail.from)).toBe(0);
  });

  it("a delivery failure report about our reply → bounce; the reply's delivery is failed with the reason", async () => {
    const ticket = await createTicket(api, agent.token, { requester_email: "no-such-user@customer.test" });
    const response = await createMessage(api, agent.token, { ticket_id: ticket.id, type: "response", content: "<p>On our way.</p>" });
    expect(response.delivery.status).toBe("queued");
    expect(await receive(deliveryFailure(response.id, "no-such-user@customer.test"))).toEqual({ outcome: "bounce", ticketId: null, messageId: null });
    const after = await call(api, "GET", `/messages/${response.id}`, { token: agent.token });
    expect(after.body.delivery.status).toBe("failed");
    expect(after.body.delivery.lastError).toMatch(/^Bounced: /);
    expect(after.body.delivery.lastError).toContain("User unknown");
  });
});

describe("GET /messages/:message_id/original", () => {
  it("answers the mail exactly as it arrived, as <id>.eml, to any signed-in user", async () => {
    // ISO-8859-1 bytes that are not UTF-8: any re-encoding on the way would show.
    const mail = customerMail({ body: "Caf\u00e9 cr\u00e8me" });
    const raw = Buffer.from(mail.raw.replace("charset=utf-8", "charset=iso-8859-1"), "latin1");
    const receipt = await receive(raw);
    for (const user of [viewer, agent]) {
      const original = await downloadBytes(api, `/messages/${receipt.messageId}/original`, user.token);
      expect(original.status).toBe(200);
      expect(original.headers.get("content-type")).toBe("message/rfc822");
      expect(original.headers.get("content-disposition")).toMatch(new RegExp(`^attachment; filename="${receipt.messageId}\\.eml"`));
      expect(original.bytes.equals(raw)).toBe(true);
    }
    expectError(await call(api, "GET", `/messages/${receipt.messageId}/original`), 401, "UNAUTHORIZED");
  });

  it("404 NOT_FOUND for a message that did not come by mail", async () => {
    const ticket = await createTicket(api, agent.token);
    const note = await createMessage(api, agent.token, { ticket_id: ticket.id, type: "note" });
    expectError(await call(api, "GET", `/messages/${note.id}/original`, { token: agent.token }), 404, "NOT_FOUND");
  });
});

describe("what admins see of received mail", () => {
  it("GET /inbound/emails: admins 200 (newest first, with the outcome), agents 403, signed out 401", async () => {
    const mail = customerMail({ headers: ["Precedence: bulk"] });
    await receive(mail.raw);
    const list = await call(api, "GET", "/inbound/emails?outcome=ignored&limit=5", { token: admin.token });
    expect(list.status).toBe(200);
    expect(list.body.data[0]).toMatchObject({ door: "http", outcome: "ignored", fromEmail: mail.from, subject: mail.subject, ticketId: null, messageId: null });
    expect(list.body.data[0].reason).toContain("Precedence");
    expectError(await call(api, "GET", "/inbound/emails", { token: agent.token }), 403, "FORBIDDEN");
    expectError(await call(api, "GET", "/inbound/emails"), 401, "UNAUTHORIZED");
  });

  it("GET /inbound/emails/:inbound_id/original: admins get the bytes, agents 403, signed out 401", async () => {
    const mail = customerMail({ headers: ["X-Autoreply: yes"] });
    await receive(mail.raw);
    const row = await getDb().inboundEmail.findUniqueOrThrow({ where: { messageIdHeader: mail.messageId } });
    const original = await downloadBytes(api, `/inbound/emails/${row.id}/original`, admin.token);
    expect(original.status).toBe(200);
    expect(original.headers.get("content-type")).toBe("message/rfc822");
    expect(original.bytes.toString("utf8")).toBe(mail.raw);
    expectError(await call(api, "GET", `/inbound/emails/${row.id}/original`, { token: agent.token }), 403, "FORBIDDEN");
    expectError(await call(api, "GET", `/inbound/emails/${row.id}/original`), 401, "UNAUTHORIZED");
  });

  it("GET /inbound/setup: admins see the doors but never the IMAP password or the inbound secret", async () => {
    const setup = await call(api, "GET", "/inbound/setup", { token: admin.token });
    expect(setup.status).toBe(200);
    expect(setup.body).toMatchObject({
      addresses: [SUPPORT_ADDRESS],
      http: { enabled: true, path: "/helpdesk/api/inbound/email" },
      imap: { enabled: true, host: "127.0.0.1:1993", mailbox: "INBOX" },
    });
    const text = JSON.stringify(setup.body);
    expect(text).not.toContain(IMAP_PASSWORD);
    expect(text).not.toContain(INBOUND_SECRET);
    expectError(await call(api, "GET", "/inbound/setup", { token: agent.token }), 403, "FORBIDDEN");
    expectError(await call(api, "GET", "/inbound/setup"), 401, "UNAUTHORIZED");
  });
});
