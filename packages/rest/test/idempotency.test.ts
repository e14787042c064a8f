// CONTRACT section 6: the Idempotency-Key header of POST /messages.
import { randomUUID } from "node:crypto";
import { getDb } from "@helpdesk/db";
import { describe, expect, it } from "vitest";
import { signInAs, useApi } from "./support/api.ts";
import { createTicket, expectError, expectValidation, messageCount, postMessage } from "./support/fixtures.ts";
import { uploadOk } from "./support/uploads.ts";

const { api, users: [agent] } = useApi({ roles: ["agent"] });

const key = () => `key-${randomUUID()}`;
const withKey = (value: string) => ({ "idempotency-key": value });

describe("Idempotency-Key", () => {
  it("a repeat with the same body answers the first answer and creates nothing", async () => {
    const ticket = await createTicket(api, agent.token);
    const k = key();
    const body = { ticket_id: ticket.id, type: "response", content: "<p>Once only</p>", ccs: [{ email: "cc@example.test", name: "CC" }] };
    const first = await postMessage(api, agent.token, body, withKey(k));
    expect(first.status).toBe(201);
    const second = await postMessage(api, agent.token, body, withKey(k));
    expect(second.status).toBe(201);
    expect(second.body).toEqual(first.body);
    expect(second.headers.get("location")).toBe(first.headers.get("location"));
    const third = await postMessage(api, agent.token, body, withKey(k));
    expect(third.body.id).toBe(first.body.id);
    expect(await messageCount(ticket.id)).toBe(1);
    expect(await getDb().outgoingEmail.count({ where: { ticketId: ticket.id } })).toBe(1);
  });

  it("a repeat does not apply its ticket_update twice or reopen anything", async () => {
    const ticket = await createTicket(api, agent.token);
    const k = key();
    const body = { ticket_id: ticket.id, type: "note", ticket_update: { status: "pending" } };
    expect((await postMessage(api, agent.token, body, withKey(k))).status).toBe(201);
    const afterFirst = await getDb().ticket.findUniqueOrThrow({ where: { id: ticket.id } });
    await postMessage(api, agent.token, body, withKey(k));
    const afterSecond = await getDb().ticket.findUniqueOrThrow({ where: { id: ticket.id } });
    expect(afterSecond.updatedAt.toISOString()).toBe(afterFirst.updatedAt.toISOString());
    expect(afterSecond.status).toBe("pending");
    expect(await messageCount(ticket.id)).toBe(1);
  });

  it("the same key with a different body is 409 CONFLICT, and creates nothing", async () => {
    const ticket = await createTicket(api, agent.token);
    const other = await createTicket(api, agent.token);
    const k = key();
    expect((await postMessage(api, agent.token, { ticket_id: ticket.id, content: "<p>A</p>" }, withKey(k))).status).toBe(201);
    expectError(await postMessage(api, agent.token, { ticket_id: ticket.id, content: "<p>B</p>" }, withKey(k)), 409, "CONFLICT");
    expectError(await postMessage(api, agent.token, { ticket_id: ticket.id, content: "<p>A</p>", type: "response" }, withKey(k)), 409, "CONFLICT");
    expectError(await postMessage(api, agent.token, { ticket_id: other.id, content: "<p>A</p>" }, withKey(k)), 409, "CONFLICT");
    expect(await messageCount(ticket.id)).toBe(1);
    expect(await messageCount(other.id)).toBe(0);
  });

  it("belongs to its user: another user may use the same key independently", async () => {
    const ticket = await createTicket(api, agent.token);
    const colleague = await signInAs(api, "agent");
    const k = key();
    const body = { ticket_id: ticket.id, content: "<p>Same words</p>" };
    const mine = await postMessage(api, agent.token, body, withKey(k));
    const theirs = await postMessage(api, colleague.token, body, withKey(k));
    expect(mine.status).toBe(201);
    expect(theirs.status).toBe(201);
    expect(theirs.body.id).not.toBe(mine.body.id);
    expect(theirs.body.authorId).toBe(colleague.user.id);
    // Each user's repeat still answers their own first message.
    expect((await postMessage(api, colleague.token, body, withKey(k))).body.id).toBe(theirs.body.id);
    expect((await postMessage(api, agent.token, body, withKey(k))).body.id).toBe(mine.body.id);
    expect(await messageCount(ticket.id)).toBe(2);
  });

  it("different keys, or no key, create separate messages", async () => {
    const ticket = await createTicket(api, agent.token);
    const body = { ticket_id: ticket.id, content: "<p>Twice</p>" };
    const a = await postMessage(api, agent.token, body, withKey(key()));
    const b = await postMessage(api, agent.token, body, withKey(key()));
    const c = await postMessage(api, agent.token, body);
    const d = await postMessage(api, agent.token, body);
    expect(new Set([a.body.id, b.body.id, c.body.id, d.body.id]).size).toBe(4);
    expect(await messageCount(ticket.id)).toBe(4);
  });

  it("is read from the header only: an idempotency_key body field does nothing", async () => {
    const ticket = await createTicket(api, agent.token);
    const body = { ticket_id: ticket.id, content: "<p>Body key</p>", idempotency_key: key() };
    const a = await postMessage(api, agent.token, body);
    const b = await postMessage(api, agent.token, body);
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(b.body.id).not.toBe(a.body.id);
    expect(await messageCount(ticket.id)).toBe(2);
  });

  it("accepts 255 characters and refuses 256 with 422 at idempotency_key", async () => {
    const ticket = await createTicket(api, agent.token);
    const ok = await postMessage(api, agent.token, { ticket_id: ticket.id }, withKey("k".repeat(255)));
    expect(ok.status).toBe(201);
    const tooLong = await postMessage(api, agent.token, { ticket_id: ticket.id }, withKey("k".repeat(256)));
    expectValidation(tooLong, "idempotency_key");
    expect(await messageCount(ticket.id)).toBe(1);
  });

  it("is forgotten after 24 hours", async () => {
    // A user of its own, so that its only stored key is this one (however the key is stored).
    const loner = await signInAs(api, "agent");
    const ticket = await createTicket(api, loner.token);
    const k = key();
    const body = { ticket_id: ticket.id, content: "<p>Old</p>" };
    const first = await postMessage(api, loner.token, body, withKey(k));
    expect(first.status).toBe(201);
    const stored = await getDb().idempotencyKey.updateMany({
      where: { userId: loner.user.id },
      data: { createdAt: new Date(Date.now() - 25 * 3600 * 1000) },
    });
    expect(stored.count).toBe(1);
    const later = await postMessage(api, loner.token, body, withKey(k));
    expect(later.status).toBe(201);
    expect(later.body.id).not.toBe(first.body.id);
    expect(await messageCount(ticket.id)).toBe(2);
  });

  it("concurrent repeats of one key create one message at most", async () => {
    const ticket = await createTicket(api, agent.token);
    const k = key();
    const body = { ticket_id: ticket.id, content: "<p>Racing</p>" };
    const answers = await Promise.all(Array.from({ length: 8 }, () => postMessage(api, agent.token, body, withKey(k))));
    expect(await messageCount(ticket.id)).toBe(1);
    const created = answers.filter((answer) => answer.status === 201);
    expect(created.length).toBeGreaterThanOrEqual(1);
    expect(new Set(created.map((answer) => answer.body.id)).size).toBe(1);
    for (const answer of answers) expect([201, 409]).toContain(answer.status);
  });

  it("concurrent repeats of a message with an attachment all get the first answer", async () => {
    const ticket = await createTicket(api, agent.token);
    const file = await uploadOk(api, agent.token, { name: "report.txt", type: "text/plain", data: "numbers" });
    const body = { ticket_id: ticket.id, type: "note", content: "<p>With a file</p>", attachments: [{ token: file.token }] };
    const k = key();
    // The repeats queue on the ticket's lock and find the upload token already used: they must still replay.
    const answers = await Promise.all(Array.from({ length: 6 }, () => postMessage(api, agent.token, body, withKey(k))));
    expect(answers.map((answer) => answer.status)).toEqual([201, 201, 201, 201, 201, 201]);
    expect(new Set(answers.map((answer) => answer.body.id)).size).toBe(1);
    expect(answers[0]?.body.attachments).toHaveLength(1);
    expect(await messageCount(ticket.id)).toBe(1);
  });
});
