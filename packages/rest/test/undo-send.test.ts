// CONTRACT §12, undo send: a response that sends email waits HELPDESK_UNDO_SEND_SECONDS before its mail leaves, and
// its author can take it back meanwhile with POST /messages/:id/undo (tRPC message.undo). Mail is received by a real
// SMTP server on loopback and the background work runs on pg-boss, as in production.
import { getDb } from "@helpdesk/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call, signInAs, useApi, type SignedIn } from "./support/api.ts";
import { createMessage, createTicket, expectError, postMessage, sleep } from "./support/fixtures.ts";
import { mailsFor, useMailTestbed } from "./support/mail.ts";
import { startTrpc, trpcBatch, type TestTrpc } from "./support/trpc.ts";
import { uploadOk } from "./support/uploads.ts";

const WINDOW_SECONDS = 2;
process.env.HELPDESK_UNDO_SEND_SECONDS = String(WINDOW_SECONDS);

const bed = useMailTestbed();
const { api, users: [sam, ada, vic] } = useApi({ roles: ["agent", "agent", "viewer"] });
let trpc: TestTrpc;
beforeAll(async () => {
  trpc = await startTrpc();
});
afterAll(async () => {
  await trpc.close();
  process.env.HELPDESK_UNDO_SEND_SECONDS = "0";
});

const respond = (user: SignedIn, ticketId: string, body: Record<string, unknown> = {}) =>
  createMessage(api, user.token, { ticket_id: ticketId, type: "response", content: "<p>Here is your answer.</p>", ...body });
const undo = (user: SignedIn, messageId: string) => call(api, "POST", `/messages/${messageId}/undo`, { token: user.token });
const pastTheWindow = () => sleep(WINDOW_SECONDS * 1000 + 300);
async function until(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  for (const deadline = Date.now() + timeoutMs; !condition(); await sleep(100)) {
    if (Date.now() > deadline) throw new Error("timed out");
  }
}

describe("a response that sends email", () => {
  it("shows undoableUntil and holds its mail until then; other messages are not undoable", async () => {
    const ticket = await createTicket(api, sam.token);
    const before = Date.now();
    const response = await respond(sam, ticket.id);
    const until = Date.parse(response.undoableUntil);
    expect(until - before).toBeGreaterThanOrEqual(WINDOW_SECONDS * 1000 - 100);
    expect(until - before).toBeLessThan(WINDOW_SECONDS * 1000 + 1000);
    for (const body of [{ type: "note" }, { type: "request" }, { type: "response", send_email: false }]) {
      expect((await createMessage(api, sam.token, { ticket_id: ticket.id, ...body })).undoableUntil).toBeNull();
    }
    await sleep(500);
    expect(mailsFor(bed.smtp, response.id)).toEqual([]);
    expect((await call(api, "GET", `/messages/${response.id}`, { token: sam.token })).body.undoableUntil).toBe(response.undoableUntil);

    await pastTheWindow();
    await bed.drained();
    expect(mailsFor(bed.smtp, response.id)).toHaveLength(1);
    expect((await call(api, "GET", `/messages/${response.id}`, { token: sam.token })).body.undoableUntil).toBeNull();
  });
});

describe("POST /messages/:message_id/undo", () => {
  it("withdraws the message: gone from the thread and its count, no mail ever, the audit and the activity keep it", async () => {
    const ticket = await createTicket(api, sam.token);
    await createMessage(api, sam.token, { ticket_id: ticket.id, type: "note" });
    const response = await respond(sam, ticket.id, { ccs: [{ email: "boss@customer.test", name: "Boss" }] });

    const answer = await undo(sam, response.id);
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ id: response.id, content: response.content, ccs: response.ccs, type: "response", undoableUntil: null });
    expectError(await call(api, "GET", `/messages/${response.id}`, { token: sam.token }), 404, "NOT_FOUND");
    const list = await call(api, "GET", `/messages?ticket_id=${ticket.id}`, { token: sam.token });
    expect(list.body.data.map((message: { id: string }) => message.id)).not.toContain(response.id);
    expect(list.body.pagination.total).toBe(1);

    const audit = await getDb().auditEvent.findFirstOrThrow({ where: { subjectId: response.id } });
    expect(audit).toMatchObject({ action: "message.withdrawn", actorId: sam.user.id, data: { content: response.content, ticketId: ticket.id } });
    const activity = await getDb().ticketEvent.findMany({ where: { ticketId: ticket.id, kind: "message.withdrawn" } });
    expect(activity).toMatchObject([{ actorId: sam.user.id, changes: { message: { from: response.id, to: null } } }]);

    // A response sent after the undo: once its mail is in, the withdrawn one's job (due earlier) has run too.
    const control = await respond(sam, ticket.id);
    await pastTheWindow();
    await bed.drained();
    await until(() => mailsFor(bed.smtp, control.id).length === 1);
    expect(mailsFor(bed.smtp, response.id)).toEqual([]);
    expectError(await undo(sam, response.id), 404, "NOT_FOUND");
  });

  it("gives the files back: the upload token can be sent again", async () => {
    const ticket = await createTicket(api, sam.token);
    const file = await uploadOk(api, sam.token, { name: "invoice.txt", type: "text/plain", data: "total: 42" });
    const response = await respond(sam, ticket.id, { attachments: [{ token: file.token }] });
    expect(response.attachments).toHaveLength(1);
    expect((await undo(sam, response.id)).status).toBe(200);
    const again = await respond(sam, ticket.id, { attachments: [{ token: file.token }] });
    expect(again.attachments.map((attachment: { name: string }) => attachment.name)).toEqual(["invoice.txt"]);
  });

  it("refuses someone else (403), a viewer (403), after the window (409) and an unknown message (404)", async () => {
    const ticket = await createTicket(api, sam.token);
    const response = await respond(sam, ticket.id);
    expectError(await undo(ada, response.id), 403, "FORBIDDEN");
    expectError(await undo(vic, response.id), 403, "FORBIDDEN");
    expectError(await undo(sam, "msg_01jxa7q6z3c4v5b6n7m8k9h0gf"), 404, "NOT_FOUND");
    const note = await createMessage(api, sam.token, { ticket_id: ticket.id, type: "note" });
    expectError(await undo(sam, note.id), 409, "CONFLICT");
    await pastTheWindow();
    expectError(await undo(sam, response.id), 409, "CONFLICT");
    await bed.drained();
    expect(mailsFor(bed.smtp, response.id)).toHaveLength(1);
  });

  it("forgets the create's Idempotency-Key: the same request again sends a new message", async () => {
    const ticket = await createTicket(api, sam.token);
    const body = { ticket_id: ticket.id, type: "response", content: "<p>Once more</p>" };
    const first = await postMessage(api, sam.token, body, { "Idempotency-Key": `undo-${ticket.id}` });
    expect(first.status).toBe(201);
    expect((await undo(sam, first.body.id)).status).toBe(200);
    const again = await postMessage(api, sam.token, body, { "Idempotency-Key": `undo-${ticket.id}` });
    expect(again.status).toBe(201);
    expect(again.body.id).not.toBe(first.body.id);
    expect((await call(api, "GET", `/messages/${again.body.id}`, { token: sam.token })).status).toBe(200);
  });

  it("needs a session: 401 without one", async () => {
    expectError(await call(api, "POST", "/messages/msg_01jxa7q6z3c4v5b6n7m8k9h0gf/undo"), 401, "UNAUTHORIZED");
  });

  it("works the same over tRPC (message.undo)", async () => {
    const ticket = await createTicket(api, sam.token);
    const response = await respond(sam, ticket.id);
    const refused = await trpcBatch(trpc, "mutation", [{ path: "message.undo", input: { message_id: response.id } }], { token: ada.token });
    expect(refused.results[0]).toMatchObject({ error: { code: "FORBIDDEN", appCode: "FORBIDDEN" } });
    const answer = await trpcBatch(trpc, "mutation", [{ path: "message.undo", input: { message_id: response.id } }], { token: sam.token });
    expect(answer.results[0]).toMatchObject({ data: { id: response.id, undoableUntil: null } });
    expect((await postMessage(api, sam.token, { ticket_id: ticket.id })).status).toBe(201);
  });
});

describe("HELPDESK_UNDO_SEND_SECONDS=0", () => {
  it("sends at once and offers no undo", async () => {
    process.env.HELPDESK_UNDO_SEND_SECONDS = "0";
    try {
      const ticket = await createTicket(api, sam.token);
      const response = await respond(sam, ticket.id);
      expect(response.undoableUntil).toBeNull();
      expectError(await undo(sam, response.id), 409, "CONFLICT");
      await bed.drained();
      expect(mailsFor(bed.smtp, response.id)).toHaveLength(1);
    } finally {
      process.env.HELPDESK_UNDO_SEND_SECONDS = String(WINDOW_SECONDS);
    }
  });
});

// A new agent signs in after the others, so that the per-user budget of the earlier tests is not shared.
it("is the author's alone even for an admin", async () => {
  const admin = await signInAs(api, "admin");
  const ticket = await createTicket(api, sam.token);
  const response = await respond(sam, ticket.id);
  expectError(await undo(admin, response.id), 403, "FORBIDDEN");
});
