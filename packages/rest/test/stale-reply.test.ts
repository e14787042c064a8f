// CONTRACT §12, the stale-reply guard: POST /messages (and message.create) with last_seen_message_id is held with
// 409 CONFLICT and details.newMessageIds when someone else added a message after it; nothing is created then.
import { getDb, newId } from "@helpdesk/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call, useApi } from "./support/api.ts";
import { closeTicketInDb, createMessage, createTicket, expectError, expectValidation, messageCount, postMessage } from "./support/fixtures.ts";
import { startTrpc, trpcBatch, type TestTrpc } from "./support/trpc.ts";

const { api, users: [sam, ada] } = useApi({ roles: ["agent", "agent"] });
let trpc: TestTrpc;
beforeAll(async () => {
  trpc = await startTrpc();
});
afterAll(() => trpc.close());

/** A customer's answer by mail, as the inbound pipeline files it: no author, a sender. */
async function insertCustomerMail(ticketId: string): Promise<string> {
  const id = newId("msg");
  await getDb().message.create({
    data: { id, ticketId, type: "request", content: "<p>Any news?</p>", textContent: "Any news?", authorId: null, fromEmail: "casey@customer.test", source: "email" },
  });
  return id;
}

const reply = (token: string, ticketId: string, lastSeen?: string) =>
  postMessage(api, token, { ticket_id: ticketId, type: "note", content: "<p>My answer</p>", ...(lastSeen ? { last_seen_message_id: lastSeen } : {}) });

describe("POST /messages with last_seen_message_id", () => {
  it("holds a reply when another agent answered meanwhile, naming the new messages oldest first; nothing is created", async () => {
    const ticket = await createTicket(api, sam.token);
    const seen = await createMessage(api, sam.token, { ticket_id: ticket.id, content: "<p>first</p>" });
    const first = await createMessage(api, ada.token, { ticket_id: ticket.id, content: "<p>Ada was faster</p>" });
    const second = await createMessage(api, ada.token, { ticket_id: ticket.id, content: "<p>and wrote twice</p>" });
    const before = await messageCount(ticket.id);

    const held = await reply(sam.token, ticket.id, seen.id);
    expectError(held, 409, "CONFLICT");
    expect(held.body.error.details).toEqual({ newMessageIds: [first.id, second.id] });
    expect(await messageCount(ticket.id)).toBe(before);

    // "Send anyway": with the newest id seen, or without the field, it sends, once.
    expect((await reply(sam.token, ticket.id, second.id)).status).toBe(201);
    expect((await reply(sam.token, ticket.id)).status).toBe(201);
    expect(await messageCount(ticket.id)).toBe(before + 2);
  });

  it("is not held by the sender's own messages, nor when nothing is newer", async () => {
    const ticket = await createTicket(api, sam.token);
    const seen = await createMessage(api, ada.token, { ticket_id: ticket.id });
    expect((await reply(sam.token, ticket.id, seen.id)).status).toBe(201);
    expect((await reply(sam.token, ticket.id, seen.id)).status).toBe(201);
  });

  it("counts a customer's mail as someone else's message", async () => {
    const ticket = await createTicket(api, sam.token);
    const seen = await createMessage(api, sam.token, { ticket_id: ticket.id });
    const mailId = await insertCustomerMail(ticket.id);
    const held = await reply(sam.token, ticket.id, seen.id);
    expectError(held, 409, "CONFLICT");
    expect(held.body.error.details.newMessageIds).toEqual([mailId]);
  });

  it("still knows the time of a seen message that its author has since withdrawn", async () => {
    const ticket = await createTicket(api, sam.token);
    process.env.HELPDESK_UNDO_SEND_SECONDS = "60";
    const seen = await createMessage(api, ada.token, { ticket_id: ticket.id, type: "response", content: "<p>Oops</p>" }).finally(() => {
      process.env.HELPDESK_UNDO_SEND_SECONDS = "0";
    });
    expect((await call(api, "POST", `/messages/${seen.id}/undo`, { token: ada.token })).status).toBe(200);
    expect((await reply(sam.token, ticket.id, seen.id)).status).toBe(201);
    const newer = await createMessage(api, ada.token, { ticket_id: ticket.id });
    expect((await reply(sam.token, ticket.id, seen.id)).body.error.details.newMessageIds).toEqual([newer.id]);
  });

  it("answers 422 at last_seen_message_id for what is not a message id, 404 for an unknown ticket, 403 on a closed one", async () => {
    const ticket = await createTicket(api, sam.token);
    expectValidation(await reply(sam.token, ticket.id, "tkt_01jxa7q6z3c4v5b6n7m8k9h0gf"), "last_seen_message_id");
    expectValidation(await reply(sam.token, ticket.id, "msg_zzzzzzzzzzzzzzzzzzzzzzzzzz"), "last_seen_message_id");
    // Well formed, but never a message of this ticket: another ticket's, or none at all.
    const elsewhere = await createMessage(api, sam.token, { ticket_id: (await createTicket(api, sam.token)).id });
    expectValidation(await reply(sam.token, ticket.id, elsewhere.id), "last_seen_message_id");
    expectValidation(await reply(sam.token, ticket.id, newId("msg")), "last_seen_message_id");
    const seen = await createMessage(api, sam.token, { ticket_id: ticket.id });
    expectError(await reply(sam.token, "tkt_01jxa7q6z3c4v5b6n7m8k9h0gf", seen.id), 404, "NOT_FOUND");
    await closeTicketInDb(ticket.id);
    expectError(await reply(sam.token, ticket.id, seen.id), 403, "TICKET_CLOSED");
  });

  it("lets exactly one of two agents replying to the same message at once through", async () => {
    const ticket = await createTicket(api, sam.token);
    const seen = await createMessage(api, sam.token, { ticket_id: ticket.id });
    const answers = await Promise.all([reply(sam.token, ticket.id, seen.id), reply(ada.token, ticket.id, seen.id)]);
    expect(answers.map((answer) => answer.status).sort()).toEqual([201, 409]);
    const winner = answers.find((answer) => answer.status === 201)!;
    const loser = answers.find((answer) => answer.status === 409)!;
    expect(loser.body.error.details.newMessageIds).toEqual([winner.body.id]);
  });
});

describe("message.create over tRPC", () => {
  it("answers CONFLICT with the same details", async () => {
    const ticket = await createTicket(api, sam.token);
    const seen = await createMessage(api, sam.token, { ticket_id: ticket.id });
    const newer = await createMessage(api, ada.token, { ticket_id: ticket.id });
    const input = { ticket_id: ticket.id, type: "note", content: "<p>late</p>", last_seen_message_id: seen.id };
    const answer = await trpcBatch(trpc, "mutation", [{ path: "message.create", input }], { token: sam.token });
    expect(answer.results[0]).toMatchObject({ error: { code: "CONFLICT", appCode: "CONFLICT", details: { newMessageIds: [newer.id] } } });
    const sent = await trpcBatch(trpc, "mutation", [{ path: "message.create", input: { ...input, last_seen_message_id: newer.id } }], { token: sam.token });
    expect(sent.results[0]).toMatchObject({ data: { ticketId: ticket.id, type: "note" } });
  });
});
