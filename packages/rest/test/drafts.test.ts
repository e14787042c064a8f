// CONTRACT §12, server drafts: GET|PUT|DELETE /tickets/:ticket_id/draft and tRPC draft.get|save|discard. Every rule is
// checked through both doors, over real HTTP, against the real database.
import { getDb } from "@helpdesk/db";
import { ERROR_CODES } from "@helpdesk/validators";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call, signInAs, useApi } from "./support/api.ts";
import { closeTicketInDb, createTicket, expectError, expectValidation, postMessage, UNKNOWN_TICKET_ID, type Answer } from "./support/fixtures.ts";
import { startTrpc, type TestTrpc } from "./support/trpc.ts";
import { expireUpload, uploadOk, uploadRow } from "./support/uploads.ts";

const { api, users: [agent, otherAgent, viewer] } = useApi({ roles: ["agent", "agent", "viewer"] });
let trpc: TestTrpc;
beforeAll(async () => {
  trpc = await startTrpc();
});
afterAll(() => trpc?.close());

const DAY_MS = 24 * 60 * 60 * 1000;

/** A tRPC answer in the REST envelope's shape, so that one assertion reads both doors. */
async function trpcCall(kind: "query" | "mutation", path: string, token: string, input: unknown): Promise<Answer> {
  const url = `${trpc.baseUrl}/${path}`;
  const headers = { authorization: `Bearer ${token}`, "content-type": "application/json" };
  const response =
    kind === "query"
      ? await fetch(`${url}?input=${encodeURIComponent(JSON.stringify(input))}`, { headers })
      : await fetch(url, { method: "POST", headers, body: JSON.stringify(input) });
  const answer = (await response.json()) as { result?: { data: unknown }; error?: { message: string; data: { appCode: string; details?: unknown } } };
  if (answer.result) return { status: response.status, headers: response.headers, body: answer.result.data ?? null };
  const { appCode, details } = answer.error?.data ?? { appCode: "" };
  const error = { code: appCode, status: ERROR_CODES[appCode as keyof typeof ERROR_CODES], message: answer.error?.message, details };
  return { status: response.status, headers: response.headers, body: { error } };
}

type Body = Record<string, unknown>;
interface Door {
  get(token: string, ticketId: string): Promise<Answer>;
  save(token: string, ticketId: string, body: Body): Promise<Answer>;
  discard(token: string, ticketId: string): Promise<Answer>;
  /** What a successful discard answers. */
  discarded: number;
}

const doors: Record<"REST" | "tRPC", Door> = {
  REST: {
    get: (token, ticketId) => call(api, "GET", `/tickets/${ticketId}/draft`, { token }),
    save: (token, ticketId, body) => call(api, "PUT", `/tickets/${ticketId}/draft`, { token, body }),
    discard: (token, ticketId) => call(api, "DELETE", `/tickets/${ticketId}/draft`, { token }),
    discarded: 204,
  },
  tRPC: {
    get: (token, ticketId) => trpcCall("query", "draft.get", token, { ticket_id: ticketId }),
    save: (token, ticketId, body) => trpcCall("mutation", "draft.save", token, { ...body, ticket_id: ticketId }),
    discard: (token, ticketId) => trpcCall("mutation", "draft.discard", token, { ticket_id: ticketId }),
    discarded: 200,
  },
};

const reply = (overrides: Body = {}): Body => ({ type: "response", content: "<p>Hello</p>", version: 0, ...overrides });

describe.each(Object.entries(doors))("drafts over %s", (_, door) => {
  const saveOk = async (token: string, ticketId: string, body: Body) => {
    const response = await door.save(token, ticketId, body);
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    return response.body;
  };

  it("saves a first draft at version 1, restores it anywhere, and each save goes one version up", async () => {
    const ticket = await createTicket(api, agent.token);
    const before = Date.now();
    const first = await saveOk(agent.token, ticket.id, {
      type: "response", content: "<p>Half a <b>reply</b></p>", version: 0, is_forward: true,
      ccs: [{ email: "cc@example.test", name: "CC" }], recipients: [{ email: "fwd@exam" }],
      ticket_update: { status: "pending", priority: "high" },
    });
    expect(first).toEqual({
      ticketId: ticket.id, userId: agent.user.id, type: "response", content: "<p>Half a <b>reply</b></p>",
      ccs: [{ email: "cc@example.test", name: "CC" }], recipients: [{ email: "fwd@exam", name: null }], isForward: true,
      attachments: [], ticketUpdate: { status: "pending", priority: "high" }, version: 1, updatedAt: expect.any(String),
    });
    expect(new Date(first.updatedAt).getTime()).toBeGreaterThanOrEqual(before - 1000);
    const restored = await door.get(agent.token, ticket.id);
    expect(restored.status).toBe(200);
    expect(restored.body).toEqual(first);
    const second = await saveOk(agent.token, ticket.id, { type: "note", content: "", version: 1 });
    expect(second).toMatchObject({ type: "note", content: "", ccs: [], recipients: [], isForward: false, ticketUpdate: null, version: 2 });
    expect((await door.get(agent.token, ticket.id)).body).toEqual(second);
  });

  it("409 CONFLICT with details.currentVersion for a stale version, and nothing changes", async () => {
    const ticket = await createTicket(api, agent.token);
    expectError(await door.save(agent.token, ticket.id, reply({ version: 3 })), 409, "CONFLICT");
    expect((await door.save(agent.token, ticket.id, reply({ version: 3 }))).body.error.details).toEqual({ currentVersion: 0 });
    await saveOk(agent.token, ticket.id, reply({ content: "<p>one</p>" }));
    await saveOk(agent.token, ticket.id, reply({ content: "<p>two</p>", version: 1 }));
    for (const version of [0, 1, 3, 2_147_483_647]) {
      const stale = await door.save(agent.token, ticket.id, reply({ content: "<p>stale</p>", version }));
      expectError(stale, 409, "CONFLICT");
      expect(stale.body.error.details).toEqual({ currentVersion: 2 });
    }
    expect((await door.get(agent.token, ticket.id)).body).toMatchObject({ content: "<p>two</p>", version: 2 });
  });

  it("of two saves from the same version, exactly one wins", async () => {
    const ticket = await createTicket(api, agent.token);
    for (const version of [0, 1, 2, 3, 4]) {
      const answers = await Promise.all(["a", "b"].map((tab) => door.save(agent.token, ticket.id, reply({ content: `<p>${tab}</p>`, version }))));
      expect(answers.map((answer) => answer.status).sort()).toEqual([200, 409]);
      const winner = answers.find((answer) => answer.status === 200)?.body;
      expect(winner.version).toBe(version + 1);
      expect((await door.get(agent.token, ticket.id)).body).toEqual(winner);
    }
  });

  it("discards: then there is none (404), and discarding again is fine", async () => {
    const ticket = await createTicket(api, agent.token);
    await saveOk(agent.token, ticket.id, reply());
    for (let round = 0; round < 2; round++) {
      const discarded = await door.discard(agent.token, ticket.id);
      expect(discarded.status).toBe(door.discarded);
      expect(discarded.body).toBeNull();
    }
    expectError(await door.get(agent.token, ticket.id), 404, "NOT_FOUND");
    expect(await getDb().draft.count({ where: { ticketId: ticket.id } })).toBe(0);
    expect((await saveOk(agent.token, ticket.id, reply())).version).toBe(1);
  });

  it("is each user's own: another agent neither sees nor changes mine; a viewer gets 403", async () => {
    const ticket = await createTicket(api, agent.token);
    await saveOk(agent.token, ticket.id, reply({ content: "<p>mine</p>" }));
    expectError(await door.get(otherAgent.token, ticket.id), 404, "NOT_FOUND");
    expect(await saveOk(otherAgent.token, ticket.id, reply({ content: "<p>theirs</p>" }))).toMatchObject({ userId: otherAgent.user.id, version: 1 });
    expect((await door.discard(otherAgent.token, ticket.id)).status).toBe(door.discarded);
    expect((await door.get(agent.token, ticket.id)).body).toMatchObject({ userId: agent.user.id, content: "<p>mine</p>", version: 1 });
    expectError(await door.get(viewer.token, ticket.id), 403, "FORBIDDEN");
    expectError(await door.save(viewer.token, ticket.id, reply()), 403, "FORBIDDEN");
    expectError(await door.discard(viewer.token, ticket.id), 403, "FORBIDDEN");
  });

  it("keeps uploads for at least 7 days with their name, size and type; another user's token is a 422", async () => {
    const ticket = await createTicket(api, agent.token);
    const file = await uploadOk(api, agent.token, { name: "scan.pdf", type: "application/pdf", data: "%PDF-1.7" });
    const saved = await saveOk(agent.token, ticket.id, reply({ attachments: [{ token: file.token, name: "renamed.pdf" }] }));
    expect(saved.attachments).toEqual([{ token: file.token, name: "renamed.pdf", size: 8, contentType: "application/pdf" }]);
    expect((await uploadRow(file.token))?.expiresAt.getTime()).toBeGreaterThanOrEqual(Date.now() + 7 * DAY_MS - 60_000);
    expect((await door.get(agent.token, ticket.id)).body.attachments).toEqual(saved.attachments);
    // The kept upload still attaches when the message is finally sent.
    const sent = await postMessage(api, agent.token, { ticket_id: ticket.id, attachments: [{ token: file.token }] });
    expect(sent.status).toBe(201);
    const theirs = await uploadOk(api, otherAgent.token, { name: "theirs.txt", data: "abc" });
    const refused = await door.save(agent.token, ticket.id, reply({ attachments: [{ token: theirs.token }] }));
    expectValidation(refused, "attachments.0.token", "INVALID");
    expect((await uploadRow(theirs.token))?.expiresAt.getTime()).toBeLessThan(Date.now() + 2 * 60 * 60 * 1000);
  });

  it("refuses an expired or wrongly sized upload, and leaves out of the draft one that expired after saving", async () => {
    const ticket = await createTicket(api, agent.token);
    const kept = await uploadOk(api, agent.token, { name: "kept.txt", type: "text/plain", data: "kept" });
    const gone = await uploadOk(api, agent.token, { name: "gone.txt", data: "gone" });
    await saveOk(agent.token, ticket.id, reply({ attachments: [{ token: kept.token }, { token: gone.token }] }));
    await expireUpload(gone.token);
    expect((await door.get(agent.token, ticket.id)).body.attachments).toEqual([{ token: kept.token, name: "kept.txt", size: 4, contentType: "text/plain" }]);
    expectValidation(await door.save(agent.token, ticket.id, reply({ version: 1, attachments: [{ token: gone.token }] })), "attachments.0.token");
    expectValidation(await door.save(agent.token, ticket.id, reply({ version: 1, attachments: [{ token: kept.token, size: 5 }] })), "attachments.0.token");
    expect((await door.get(agent.token, ticket.id)).body.version).toBe(1);
  });

  it("a closed ticket takes no draft (403 TICKET_CLOSED); one saved before can still be read and discarded", async () => {
    const ticket = await createTicket(api, agent.token);
    await saveOk(agent.token, ticket.id, reply());
    await closeTicketInDb(ticket.id);
    expectError(await door.save(agent.token, ticket.id, reply({ version: 1 })), 403, "TICKET_CLOSED");
    expect((await door.get(agent.token, ticket.id)).body.version).toBe(1);
    expect((await door.discard(agent.token, ticket.id)).status).toBe(door.discarded);
  });

  it("an unknown ticket is a 404 for every verb", async () => {
    expectError(await door.get(agent.token, UNKNOWN_TICKET_ID), 404, "NOT_FOUND");
    expectError(await door.save(agent.token, UNKNOWN_TICKET_ID, reply()), 404, "NOT_FOUND");
    expectError(await door.discard(agent.token, UNKNOWN_TICKET_ID), 404, "NOT_FOUND");
  });

  it("takes an unfinished draft but not more than a message may hold: 422 at the field", async () => {
    const ticket = await createTicket(api, agent.token);
    const save = (body: Body) => door.save(agent.token, ticket.id, body);
    expectValidation(await save({ content: "", version: 0 }), "type", "REQUIRED");
    expectValidation(await save(reply({ version: undefined })), "version", "REQUIRED");
    expectValidation(await save(reply({ version: -1 })), "version");
    expectValidation(await save(reply({ version: 1.5 })), "version");
    expectValidation(await save(reply({ version: 2_147_483_648 })), "version", "TOO_BIG");
    expectValidation(await save(reply({ ccs: Array.from({ length: 49 }, (__, n) => ({ email: `cc${n}@example.test` })) })), "ccs", "TOO_BIG");
    expectValidation(await save(reply({ recipients: [{ email: `${"a".repeat(310)}@example.test` }] })), "recipients.0.email", "TOO_BIG");
    expectValidation(await save(reply({ ticket_update: { colour: "red" } })), "ticket_update.colour", "INVALID");
    expectValidation(await save(reply({ attachments: [{ token: "not-a-token" }] })), "attachments.0.token", "INVALID");
    expectError(await save(reply({ ticket_update: { status: "closed" } })), 403, "CLOSED_STATUS_SYSTEM_ONLY");
    expectError(await door.get(agent.token, ticket.id), 404, "NOT_FOUND");
    // What a message would refuse for being unfinished is kept as typed.
    expect(await saveOk(agent.token, ticket.id, reply({ content: "", ccs: [{ email: "casey@", name: null }] }))).toMatchObject({
      content: "", ccs: [{ email: "casey@", name: null }], version: 1,
    });
  });

  it("refuses a NUL byte with a 422 at its field, and stores the content sanitized", async () => {
    const ticket = await createTicket(api, agent.token);
    const refused = await door.save(agent.token, ticket.id, reply({ content: "<p>a\u0000b</p>" }));
    expectValidation(refused, "content", "INVALID");
    expectValidation(await door.save(agent.token, ticket.id, reply({ ccs: [{ email: "x\u0000@example.test" }] })), "ccs.0.email");
    const saved = await saveOk(agent.token, ticket.id, reply({ content: `<p onclick="steal()">Hi <script>alert(1)</script><b>there</b></p>` }));
    expect(saved.content).toBe("<p>Hi <b>there</b></p>");
  });

  it("sending a message on the ticket removes its author's draft there, and nobody else's", async () => {
    const ticket = await createTicket(api, agent.token);
    await saveOk(agent.token, ticket.id, reply());
    await saveOk(otherAgent.token, ticket.id, reply());
    expect((await postMessage(api, agent.token, { ticket_id: ticket.id, type: "note", content: "<p>Sent</p>" })).status).toBe(201);
    expectError(await door.get(agent.token, ticket.id), 404, "NOT_FOUND");
    expect((await door.get(otherAgent.token, ticket.id)).status).toBe(200);
  });
});

describe("drafts: what only one door shows", () => {
  it("REST and tRPC answer the same Draft JSON", async () => {
    const ticket = await createTicket(api, agent.token);
    const saved = await doors.REST.save(agent.token, ticket.id, reply({ ccs: [{ email: "cc@example.test" }] }));
    expect((await doors.tRPC.get(agent.token, ticket.id)).body).toEqual(saved.body);
    const resaved = await doors.tRPC.save(agent.token, ticket.id, reply({ version: 1 }));
    expect((await doors.REST.get(agent.token, ticket.id)).body).toEqual(resaved.body);
  });

  it("REST: signed out is a 401 before anything is read; DELETE answers an empty 204", async () => {
    const ticket = await createTicket(api, agent.token);
    for (const method of ["GET", "PUT", "DELETE"]) {
      expectError(await call(api, method, `/tickets/${ticket.id}/draft`, { body: method === "PUT" ? reply() : undefined }), 401, "UNAUTHORIZED");
    }
    const admin = await signInAs(api, "admin");
    expect((await call(api, "PUT", `/tickets/${ticket.id}/draft`, { token: admin.token, body: reply() })).status).toBe(200);
    const discarded = await fetch(`${api.baseUrl}/tickets/${ticket.id}/draft`, { method: "DELETE", headers: { authorization: `Bearer ${admin.token}` } });
    expect(discarded.status).toBe(204);
    expect(await discarded.text()).toBe("");
  });

  it("the API document describes the three operations", async () => {
    const doc = (await call(api, "GET", "/openapi.json")).body;
    const path = doc.paths["/helpdesk/api/tickets/{ticket_id}/draft"];
    expect(Object.keys(path).sort()).toEqual(["delete", "get", "put"]);
    expect(Object.keys(path.put.responses)).toEqual(expect.arrayContaining(["200", "403", "404", "409", "422"]));
    expect(Object.keys(path.delete.responses)).toContain("204");
  });
});
