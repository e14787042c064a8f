// CONTRACT sections 4, 6 and 7: closed tickets are read-only, only the system closes, a request reopens,
// ticket_update is atomic with its message, and every message bumps the ticket's updatedAt.
import { getDb } from "@helpdesk/db";
import { describe, expect, it } from "vitest";
import { call, useApi } from "./support/api.ts";
import {
  closeTicketInDb,
  createMessage,
  createTicket,
  expectError,
  expectValidation,
  getTicket,
  ISO_UTC_MS,
  messageCount,
  postMessage,
  setStatusInDb,
  sleep,
} from "./support/fixtures.ts";

const { api, users: [agent, admin, viewer] } = useApi({ roles: ["agent", "admin", "viewer"] });

const emailsOf = (ticketId: string) => getDb().outgoingEmail.count({ where: { ticketId } });

describe("a closed ticket", () => {
  it("refuses new messages of every type with 403 TICKET_CLOSED, admins too, and nothing changes", async () => {
    const ticket = await createTicket(api, agent.token, { content: "<p>first</p>" });
    await closeTicketInDb(ticket.id);
    const before = await getTicket(api, agent.token, ticket.id);
    expect(before.status).toBe("closed");
    expect(before.closedAt).toMatch(ISO_UTC_MS);
    for (const [token, type] of [[agent.token, "note"], [agent.token, "response"], [agent.token, "request"], [admin.token, "note"]] as const) {
      expectError(await postMessage(api, token, { ticket_id: ticket.id, type }), 403, "TICKET_CLOSED");
    }
    expectError(await postMessage(api, agent.token, { ticket_id: ticket.id, ticket_update: { status: "open" } }), 403, "TICKET_CLOSED");
    expect(await messageCount(ticket.id)).toBe(1);
    expect(await emailsOf(ticket.id)).toBe(0);
    expect(await getTicket(api, agent.token, ticket.id)).toEqual(before);
  });

  it("refuses PATCH with 403 TICKET_CLOSED, admins too, even to reopen it", async () => {
    const ticket = await createTicket(api, agent.token);
    await closeTicketInDb(ticket.id);
    const before = await getTicket(api, agent.token, ticket.id);
    for (const body of [{ priority: "urgent" }, { status: "open" }, { subject: "Renamed" }]) {
      expectError(await call(api, "PATCH", `/tickets/${ticket.id}`, { token: agent.token, body }), 403, "TICKET_CLOSED");
    }
    expectError(await call(api, "PATCH", `/tickets/${ticket.id}`, { token: admin.token, body: { status: "open" } }), 403, "TICKET_CLOSED");
    expect(await getTicket(api, agent.token, ticket.id)).toEqual(before);
  });

  it("can still be read, with its messages", async () => {
    const ticket = await createTicket(api, agent.token, { content: "<p>first</p>" });
    const message = await createMessage(api, agent.token, { ticket_id: ticket.id });
    await closeTicketInDb(ticket.id);
    expect((await getTicket(api, viewer.token, ticket.id)).status).toBe("closed");
    const list = await call(api, "GET", `/messages?ticket_id=${ticket.id}`, { token: viewer.token });
    expect(list.status).toBe(200);
    expect(list.body.pagination.total).toBe(2);
    const one = await call(api, "GET", `/messages/${message.id}`, { token: viewer.token });
    expect(one.status).toBe(200);
    expect(one.body).toEqual(message);
  });
});

describe("ticket_update.status closed", () => {
  it("is refused with 403 CLOSED_STATUS_SYSTEM_ONLY, admins too; no message, no email, no ticket change", async () => {
    const ticket = await createTicket(api, agent.token, { content: "<p>first</p>", status: "resolved" });
    const before = await getTicket(api, agent.token, ticket.id);
    for (const [token, type] of [[agent.token, "note"], [agent.token, "response"], [admin.token, "response"], [admin.token, "request"]] as const) {
      const response = await postMessage(api, token, { ticket_id: ticket.id, type, ticket_update: { status: "closed", priority: "urgent" } });
      expectError(response, 403, "CLOSED_STATUS_SYSTEM_ONLY");
    }
    expect(await messageCount(ticket.id)).toBe(1);
    expect(await emailsOf(ticket.id)).toBe(0);
    expect(await getTicket(api, agent.token, ticket.id)).toEqual(before);
  });
});

describe("ticket_update is atomic with its message", () => {
  it("a message refused for its own reasons leaves the ticket unchanged", async () => {
    const ticket = await createTicket(api, agent.token, { status: "pending" });
    const before = await getTicket(api, agent.token, ticket.id);
    const badAttachment = await postMessage(api, agent.token, {
      ticket_id: ticket.id,
      type: "request",
      attachments: [{ token: "no-such-upload" }],
      ticket_update: { priority: "urgent", type: "incident" },
    });
    expectValidation(badAttachment, "attachments.0.token");
    expect(await messageCount(ticket.id)).toBe(0);
    expect(await getTicket(api, agent.token, ticket.id)).toEqual(before);
  });

  it("a successful message and its update are both visible", async () => {
    const ticket = await createTicket(api, agent.token);
    const message = await createMessage(api, agent.token, { ticket_id: ticket.id, type: "response", ticket_update: { status: "resolved" } });
    const after = await getTicket(api, agent.token, ticket.id);
    expect(after.status).toBe("resolved");
    expect(after.resolvedAt).toMatch(ISO_UTC_MS);
    expect(await messageCount(ticket.id)).toBe(1);
    expect((await getDb().outgoingEmail.findMany({ where: { messageId: message.id } })).length).toBe(1);
  });
});

describe("a request reopens a pending or resolved ticket", () => {
  const cases: [string, "new" | "open" | "pending" | "resolved", Record<string, unknown>, string][] = [
    ["request on pending reopens", "pending", { type: "request" }, "open"],
    ["request on resolved reopens", "resolved", { type: "request" }, "open"],
    ["request with an update without status still reopens", "pending", { type: "request", ticket_update: { priority: "high" } }, "open"],
    ["request on pending with ticket_update.status pending stays", "pending", { type: "request", ticket_update: { status: "pending" } }, "pending"],
    ["request on resolved with ticket_update.status resolved stays", "resolved", { type: "request", ticket_update: { status: "resolved" } }, "resolved"],
    ["request on resolved with ticket_update.status pending follows it", "resolved", { type: "request", ticket_update: { status: "pending" } }, "pending"],
    ["request on new leaves it new", "new", { type: "request" }, "new"],
    ["request on open leaves it open", "open", { type: "request" }, "open"],
    ["response on pending leaves it", "pending", { type: "response" }, "pending"],
    ["response on resolved leaves it", "resolved", { type: "response" }, "resolved"],
    ["note on pending leaves it", "pending", { type: "note" }, "pending"],
    ["note on resolved leaves it", "resolved", { type: "note" }, "resolved"],
  ];

  it.each(cases)("%s", async (_name, from, body, expected) => {
    const ticket = await createTicket(api, agent.token);
    await setStatusInDb(ticket.id, from);
    const response = await postMessage(api, agent.token, { ticket_id: ticket.id, ...body });
    expect(response.status).toBe(201);
    const after = await getTicket(api, agent.token, ticket.id);
    expect(after.status).toBe(expected);
    if (expected !== "resolved") expect(after.resolvedAt).toBeNull();
    else expect(after.resolvedAt).toMatch(ISO_UTC_MS);
    if (body.ticket_update && "priority" in (body.ticket_update as object)) expect(after.priority).toBe("high");
  });
});

describe("every message bumps the ticket's updatedAt", () => {
  it.each(["note", "response", "request"])("a %s", async (type) => {
    const ticket = await createTicket(api, agent.token);
    await sleep(5);
    const message = await createMessage(api, agent.token, { ticket_id: ticket.id, type, send_email: false });
    const after = await getTicket(api, agent.token, ticket.id);
    expect(after.updatedAt > ticket.updatedAt).toBe(true);
    expect(after.updatedAt >= message.createdAt).toBe(true);
    // Nothing else moved.
    expect({ ...after, updatedAt: ticket.updatedAt }).toEqual(ticket);
  });
});
