// CONTRACT sections 5 and 6: POST /tickets, GET /tickets, GET /tickets/:ticketId, PATCH /tickets/:ticketId.
import { getDb } from "@helpdesk/db";
import { describe, expect, it } from "vitest";
import { call, signInAs, useApi } from "./support/api.ts";
import {
  createTicket,
  expectError,
  expectValidation,
  getTicket,
  ISO_UTC_MS,
  marker,
  MESSAGE_ID,
  sleep,
  TICKET_ID,
  UNKNOWN_TICKET_ID,
} from "./support/fixtures.ts";

const { api, users: [agent, viewer] } = useApi({ roles: ["agent", "viewer"] });

const patch = (id: string, body: unknown, token = agent.token) => call(api, "PATCH", `/tickets/${id}`, { token, body });
type Row = { id: string; updatedAt: string };
const byUpdatedAt = (rows: Row[]) =>
  [...rows].sort((a, b) => (a.updatedAt === b.updatedAt ? (a.id < b.id ? -1 : 1) : a.updatedAt < b.updatedAt ? -1 : 1)).map((row) => row.id);
const ids = (response: { body: { data: Row[] } }) => response.body.data.map((row) => row.id);

describe("POST /tickets", () => {
  it("answers 201 with the Ticket, its defaults and a Location header", async () => {
    const subject = `VPN drops every hour ${marker()}`;
    const body = { subject, requester_email: "dana@example.test", requester_name: "Dana" };
    const response = await call(api, "POST", "/tickets", { token: agent.token, body });
    expect(response.status).toBe(201);
    expect(response.body).toEqual({
      id: expect.stringMatching(TICKET_ID),
      subject,
      status: "new",
      priority: "normal",
      type: "question",
      requesterEmail: "dana@example.test",
      requesterName: "Dana",
      assigneeId: null,
      tags: [],
      createdAt: expect.stringMatching(ISO_UTC_MS),
      updatedAt: expect.stringMatching(ISO_UTC_MS),
      resolvedAt: null,
      closedAt: null,
      followUpOfId: null,
    });
    expect(response.headers.get("location")).toBe(`/helpdesk/api/tickets/${response.body.id}`);
    expect(await getTicket(api, viewer.token, response.body.id)).toEqual(response.body);
  });

  it("keeps the given priority, type, status and tags", async () => {
    const ticket = await createTicket(api, agent.token, { priority: "urgent", type: "incident", status: "open", tags: ["vpn", "network"] });
    expect(ticket).toMatchObject({ priority: "urgent", type: "incident", status: "open", tags: ["vpn", "network"] });
  });

  it("turns content into the first request message, authored by the caller and sanitized", async () => {
    const ticket = await createTicket(api, agent.token, { content: `<p>It broke <img src=x onerror=alert(1)>again</p>` });
    const list = await call(api, "GET", `/messages?ticket_id=${ticket.id}`, { token: viewer.token });
    expect(list.body.pagination.total).toBe(1);
    expect(list.body.data[0]).toMatchObject({
      id: expect.stringMatching(MESSAGE_ID),
      ticketId: ticket.id,
      type: "request",
      authorId: agent.user.id,
      textContent: "It broke again",
      delivery: { status: "not_sent" },
    });
    expect(list.body.data[0].content).not.toMatch(/onerror|alert/);
    const withText = await createTicket(api, agent.token, { content: "<p>Rich</p>", text_content: "Plain" });
    const second = await call(api, "GET", `/messages?ticket_id=${withText.id}`, { token: viewer.token });
    expect(second.body.data[0]).toMatchObject({ content: "<p>Rich</p>", textContent: "Plain" });
  });

  it("creates no message without content", async () => {
    const ticket = await createTicket(api, agent.token);
    expect(await getDb().message.count({ where: { ticketId: ticket.id } })).toBe(0);
  });

  it("403 CLOSED_STATUS_SYSTEM_ONLY for status closed, admins too, and no ticket is created", async () => {
    const admin = await signInAs(api, "admin");
    const subject = `Closed from birth ${marker()}`;
    for (const token of [agent.token, admin.token]) {
      const response = await call(api, "POST", "/tickets", { token, body: { subject, requester_email: "x@example.test", status: "closed" } });
      expectError(response, 403, "CLOSED_STATUS_SYSTEM_ONLY");
    }
    expect(await getDb().ticket.count({ where: { subject } })).toBe(0);
  });

  it("422 with field details", async () => {
    const empty = await call(api, "POST", "/tickets", { token: agent.token, body: {} });
    expectValidation(empty, "subject", "REQUIRED");
    expectValidation(empty, "requester_email", "REQUIRED");
    const bad = await call(api, "POST", "/tickets", { token: agent.token, body: { subject: "x", requester_email: "nope", priority: "asap", status: "done" } });
    expectValidation(bad, "requester_email", "INVALID");
    expect(Object.keys(bad.body.error.details)).toEqual(expect.arrayContaining(["priority", "status"]));
  });

  it("403 FORBIDDEN for a viewer, 401 without a token", async () => {
    const body = { subject: "x", requester_email: "x@example.test" };
    expectError(await call(api, "POST", "/tickets", { token: viewer.token, body }), 403, "FORBIDDEN");
    expectError(await call(api, "POST", "/tickets", { body }), 401, "UNAUTHORIZED");
  });
});

describe("GET /tickets/:ticketId", () => {
  it("404 NOT_FOUND for an unknown ticket; 401 without a token", async () => {
    expectError(await call(api, "GET", `/tickets/${UNKNOWN_TICKET_ID}`, { token: viewer.token }), 404, "NOT_FOUND");
    expectError(await call(api, "GET", `/tickets/${UNKNOWN_TICKET_ID}`), 401, "UNAUTHORIZED");
  });
});

describe("GET /tickets", () => {
  it("finds tickets by subject, requester email or requester name, case-insensitively", async () => {
    const word = marker();
    const bySubject = await createTicket(api, agent.token, { subject: `About ${word} today` });
    const byEmail = await createTicket(api, agent.token, { requester_email: `${word}@example.test` });
    const byName = await createTicket(api, agent.token, { requester_name: `Robin ${word}` });
    await createTicket(api, agent.token);
    const response = await call(api, "GET", `/tickets?q=${word.toUpperCase()}`, { token: viewer.token });
    expect(response.status).toBe(200);
    expect(response.body.pagination).toEqual({ page: 1, limit: 50, total: 3, totalPages: 1, hasMore: false });
    expect(ids(response).sort()).toEqual([bySubject.id, byEmail.id, byName.id].sort());
  });

  it("treats % and _ in q as plain characters, not wildcards", async () => {
    const word = marker();
    const percent = await createTicket(api, agent.token, { subject: `Discount 10%${word}` });
    const underscore = await createTicket(api, agent.token, { subject: `Field a_${word}` });
    await createTicket(api, agent.token, { subject: `Discount 10x${word}` });
    await createTicket(api, agent.token, { subject: `Field ab${word}` });
    const byPercent = await call(api, "GET", `/tickets?q=${encodeURIComponent(`10%${word}`)}`, { token: viewer.token });
    expect.soft(ids(byPercent)).toEqual([percent.id]);
    const byUnderscore = await call(api, "GET", `/tickets?q=${encodeURIComponent(`a_${word}`)}`, { token: viewer.token });
    expect.soft(ids(byUnderscore)).toEqual([underscore.id]);
  });

  it("sorts by updatedAt ascending by default, then id; desc reverses; an update moves a ticket", async () => {
    const word = marker();
    const created = [];
    for (let n = 0; n < 3; n++) created.push(await createTicket(api, agent.token, { subject: `Sort ${word} ${n}` }));
    const asc = await call(api, "GET", `/tickets?q=${word}`, { token: viewer.token });
    expect(ids(asc)).toEqual(byUpdatedAt(created));
    const desc = await call(api, "GET", `/tickets?q=${word}&sort_order=desc`, { token: viewer.token });
    expect(ids(desc)).toEqual(byUpdatedAt(created).reverse());
    await sleep(5);
    const first = byUpdatedAt(created)[0] as string;
    expect((await patch(first, { priority: "high" })).status).toBe(200);
    const after = await call(api, "GET", `/tickets?q=${word}`, { token: viewer.token });
    expect(ids(after).at(-1)).toBe(first);
    expect(ids(after)).toEqual(byUpdatedAt(after.body.data));
  });

  it("filters by status and paginates", async () => {
    const word = marker();
    const pending = [];
    for (let n = 0; n < 3; n++) pending.push(await createTicket(api, agent.token, { subject: `Filter ${word}`, status: "pending" }));
    await createTicket(api, agent.token, { subject: `Filter ${word}`, status: "open" });
    const page2 = await call(api, "GET", `/tickets?q=${word}&status=pending&limit=2&page=2`, { token: viewer.token });
    expect(page2.body.pagination).toEqual({ page: 2, limit: 2, total: 3, totalPages: 2, hasMore: false });
    expect(page2.body.data).toHaveLength(1);
    expect(page2.body.data[0].status).toBe("pending");
    const beyond = await call(api, "GET", `/tickets?q=${word}&page=9`, { token: viewer.token });
    expect(beyond.status).toBe(200);
    expect(beyond.body.data).toEqual([]);
    expect(beyond.body.pagination.total).toBe(4);
  });

  it("422 for a bad status, limit or sort_order", async () => {
    expectValidation(await call(api, "GET", "/tickets?status=done", { token: viewer.token }), "status", "INVALID");
    expectValidation(await call(api, "GET", "/tickets?limit=101", { token: viewer.token }), "limit", "TOO_BIG");
    expectValidation(await call(api, "GET", "/tickets?sort_order=up", { token: viewer.token }), "sort_order", "INVALID");
  });
});

describe("PATCH /tickets/:ticketId", () => {
  it("updates subject, priority, type, tags and assignee, and bumps updatedAt", async () => {
    const ticket = await createTicket(api, agent.token);
    const assignee = await signInAs(api, "agent");
    await sleep(5);
    const response = await patch(ticket.id, { subject: "Renamed", priority: "low", type: "problem", tags: ["a", "b"], assignee_id: assignee.user.id });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ id: ticket.id, subject: "Renamed", priority: "low", type: "problem", tags: ["a", "b"], assigneeId: assignee.user.id, status: "new" });
    expect(response.body.updatedAt > ticket.updatedAt).toBe(true);
    expect(await getTicket(api, viewer.token, ticket.id)).toEqual(response.body);
    const unassigned = await patch(ticket.id, { assignee_id: null });
    expect(unassigned.body.assigneeId).toBeNull();
  });

  it("404 NOT_FOUND for an unknown assignee or ticket, and nothing changes", async () => {
    const ticket = await createTicket(api, agent.token);
    expectError(await patch(ticket.id, { priority: "urgent", assignee_id: "usr_01jzzzzzzzzzzzzzzzzzzzzzzz" }), 404, "NOT_FOUND");
    expect(await getTicket(api, agent.token, ticket.id)).toEqual(ticket);
    expectError(await patch(UNKNOWN_TICKET_ID, { priority: "low" }), 404, "NOT_FOUND");
  });

  it("sets resolvedAt on resolved and clears it when the ticket moves away", async () => {
    const ticket = await createTicket(api, agent.token);
    const resolved = await patch(ticket.id, { status: "resolved" });
    expect(resolved.status).toBe(200);
    expect(resolved.body.status).toBe("resolved");
    expect(resolved.body.resolvedAt).toMatch(ISO_UTC_MS);
    expect(resolved.body.closedAt).toBeNull();
    const reopened = await patch(ticket.id, { status: "open" });
    expect(reopened.body).toMatchObject({ status: "open", resolvedAt: null });
  });

  it("403 CLOSED_STATUS_SYSTEM_ONLY for status closed, admins too, and nothing changes", async () => {
    const admin = await signInAs(api, "admin");
    const ticket = await createTicket(api, agent.token, { status: "resolved" });
    for (const token of [agent.token, admin.token]) {
      expectError(await patch(ticket.id, { status: "closed", priority: "urgent" }, token), 403, "CLOSED_STATUS_SYSTEM_ONLY");
    }
    expect(await getTicket(api, agent.token, ticket.id)).toEqual(ticket);
  });

  it("422 for bad fields; 403 FORBIDDEN for a viewer", async () => {
    const ticket = await createTicket(api, agent.token);
    expectValidation(await patch(ticket.id, { status: "done" }), "status", "INVALID");
    expectValidation(await patch(ticket.id, { assignee_id: "bob" }), "assignee_id", "INVALID");
    expectValidation(await patch(ticket.id, { subject: "" }), "subject");
    expectError(await patch(ticket.id, { priority: "urgent" }, viewer.token), 403, "FORBIDDEN");
    expect(await getTicket(api, agent.token, ticket.id)).toEqual(ticket);
  });
});
