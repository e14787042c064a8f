// CONTRACT section 6, POST /messages: the Message it answers, content, authorship, ticket_update, validation, roles.
// Email rules (send_email, ccs, forwards) are in messages-email.test.ts.
import { getDb } from "@helpdesk/db";
import { describe, expect, it } from "vitest";
import { call, signInAs, useApi } from "./support/api.ts";
import {
  createTicket,
  expectError,
  expectValidation,
  getTicket,
  MESSAGE_ID,
  messageCount,
  newNote,
  postMessage,
  UNKNOWN_TICKET_ID,
} from "./support/fixtures.ts";

const { api, users: [agent] } = useApi({ roles: ["agent"] });

describe("POST /messages: the created Message", () => {
  it("answers 201 with the whole Message and a Location header", async () => {
    const ticket = await createTicket(api, agent.token);
    const before = Date.now();
    const response = await postMessage(api, agent.token, { ticket_id: ticket.id, type: "note", content: "<p>Checked the <b>logs</b>.</p>" });
    expect(response.status).toBe(201);
    expect(response.body).toEqual(
      newNote({ ticketId: ticket.id, content: "<p>Checked the <b>logs</b>.</p>", textContent: "Checked the logs.", authorId: agent.user.id }),
    );
    expect(response.headers.get("location")).toBe(`/helpdesk/api/messages/${response.body.id}`);
    expect(new Date(response.body.createdAt).getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect(new Date(response.body.createdAt).getTime()).toBeLessThanOrEqual(Date.now() + 1000);
    const row = await getDb().message.findUnique({ where: { id: response.body.id } });
    expect(row).toMatchObject({ ticketId: ticket.id, type: "note", authorId: agent.user.id });
  });

  it("takes the author from the session, whatever the body says", async () => {
    const ticket = await createTicket(api, agent.token);
    const other = await signInAs(api, "admin");
    const response = await postMessage(api, agent.token, {
      ticket_id: ticket.id,
      author_id: other.user.id,
      authorId: other.user.id,
    });
    expect(response.status).toBe(201);
    expect(response.body.authorId).toBe(agent.user.id);
    expect((await getDb().message.findUnique({ where: { id: response.body.id } }))?.authorId).toBe(agent.user.id);
  });

  it("stores content sanitized and derives textContent from it", async () => {
    const ticket = await createTicket(api, agent.token);
    const response = await postMessage(api, agent.token, {
      ticket_id: ticket.id,
      content: `<p onclick="steal()">Hi <script>alert("pwned")</script><b>there</b></p>`,
    });
    expect(response.status).toBe(201);
    expect(response.body.content).toBe("<p>Hi <b>there</b></p>");
    expect(response.body.textContent).toBe("Hi there");
    const row = await getDb().message.findUnique({ where: { id: response.body.id } });
    expect(row?.content).toBe("<p>Hi <b>there</b></p>");
    expect(row?.textContent).toBe("Hi there");
  });

  it("keeps a given text_content as it is", async () => {
    const ticket = await createTicket(api, agent.token);
    const text = "Plain fallback, not derived.\nSecond line <not html>";
    const response = await postMessage(api, agent.token, { ticket_id: ticket.id, content: "<p>Rich</p>", text_content: text });
    expect(response.status).toBe(201);
    expect(response.body.textContent).toBe(text);
  });

  it("lets an admin create messages too", async () => {
    const admin = await signInAs(api, "admin");
    const ticket = await createTicket(api, agent.token);
    const response = await postMessage(api, admin.token, { ticket_id: ticket.id });
    expect(response.status).toBe(201);
    expect(response.body.authorId).toBe(admin.user.id);
  });
});

describe("POST /messages: ticket_update", () => {
  it("applies status, priority and type with the message and answers the message", async () => {
    const ticket = await createTicket(api, agent.token);
    expect(ticket).toMatchObject({ status: "new", priority: "normal", type: "question" });
    const response = await postMessage(api, agent.token, {
      ticket_id: ticket.id,
      type: "note",
      ticket_update: { status: "pending", priority: "urgent", type: "incident" },
    });
    expect(response.status).toBe(201);
    expect(response.body.id).toMatch(MESSAGE_ID);
    expect(response.body.ticketId).toBe(ticket.id);
    expect(await getTicket(api, agent.token, ticket.id)).toMatchObject({ status: "pending", priority: "urgent", type: "incident" });
  });

  it("applies a partial update and leaves the other fields alone", async () => {
    const ticket = await createTicket(api, agent.token, { priority: "low", type: "task" });
    const response = await postMessage(api, agent.token, { ticket_id: ticket.id, ticket_update: { priority: "high" } });
    expect(response.status).toBe(201);
    expect(await getTicket(api, agent.token, ticket.id)).toMatchObject({ status: "new", priority: "high", type: "task" });
  });

  it("422 at ticket_update.<key> for an unknown key, and nothing is created", async () => {
    const ticket = await createTicket(api, agent.token);
    expectValidation(await postMessage(api, agent.token, { ticket_id: ticket.id, ticket_update: { colour: "red" } }), "ticket_update.colour", "INVALID");
    expectValidation(
      await postMessage(api, agent.token, { ticket_id: ticket.id, ticket_update: { priority: "high", assignee_id: agent.user.id } }),
      "ticket_update.assignee_id",
    );
    expect(await messageCount(ticket.id)).toBe(0);
    expect(await getTicket(api, agent.token, ticket.id)).toMatchObject({ priority: "normal" });
  });

  it("422 at ticket_update.status / .priority / .type for a value outside the enum", async () => {
    const ticket = await createTicket(api, agent.token);
    expectValidation(await postMessage(api, agent.token, { ticket_id: ticket.id, ticket_update: { status: "done" } }), "ticket_update.status", "INVALID");
    expectValidation(await postMessage(api, agent.token, { ticket_id: ticket.id, ticket_update: { priority: "asap" } }), "ticket_update.priority", "INVALID");
    expectValidation(await postMessage(api, agent.token, { ticket_id: ticket.id, ticket_update: { type: "bug" } }), "ticket_update.type", "INVALID");
    expect(await messageCount(ticket.id)).toBe(0);
  });
});

describe("POST /messages: validation", () => {
  it("422 REQUIRED for each missing required field", async () => {
    const response = await call(api, "POST", "/messages", { token: agent.token, body: {} });
    expectError(response, 422, "VALIDATION_ERROR");
    for (const field of ["ticket_id", "type", "content"]) {
      expect(response.body.error.details[field], field).toEqual([{ code: "REQUIRED", message: expect.any(String) }]);
    }
  });

  it("422 for a malformed ticket_id, an unknown type, blank content, a non-boolean send_email", async () => {
    const ticket = await createTicket(api, agent.token);
    expectValidation(await postMessage(api, agent.token, { ticket_id: "abc" }), "ticket_id", "INVALID");
    expectValidation(await postMessage(api, agent.token, { ticket_id: ticket.id, type: "reply" }), "type", "INVALID");
    expectValidation(await postMessage(api, agent.token, { ticket_id: ticket.id, content: "   " }), "content");
    expectValidation(await postMessage(api, agent.token, { ticket_id: ticket.id, send_email: "yes" }), "send_email", "INVALID");
    expect(await messageCount(ticket.id)).toBe(0);
  });

  it("422 at attachments.0.token for an unknown upload token, and no message", async () => {
    const ticket = await createTicket(api, agent.token);
    const response = await postMessage(api, agent.token, {
      ticket_id: ticket.id,
      attachments: [{ token: "no-such-upload-token", name: "report.pdf", size: 1234 }],
    });
    expectValidation(response, "attachments.0.token");
    expect(await messageCount(ticket.id)).toBe(0);
  });

  it("400 for a body that is not a JSON object, 415 for another content type", async () => {
    expectError(await call(api, "POST", "/messages", { token: agent.token, body: "{oops" }), 400, "BAD_REQUEST");
    expectError(await call(api, "POST", "/messages", { token: agent.token, body: "[]" }), 400, "BAD_REQUEST");
    const form = await call(api, "POST", "/messages", {
      token: agent.token,
      body: "ticket_id=x",
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    expectError(form, 415, "UNSUPPORTED_MEDIA_TYPE");
  });
});

describe("POST /messages: tickets and roles", () => {
  it("404 NOT_FOUND for an unknown ticket", async () => {
    const response = await postMessage(api, agent.token, { ticket_id: UNKNOWN_TICKET_ID });
    expectError(response, 404, "NOT_FOUND");
    expect(response.body.error.message).toMatch(/ticket/i);
  });

  it("403 FORBIDDEN for a viewer, and nothing is created", async () => {
    const viewer = await signInAs(api, "viewer");
    const ticket = await createTicket(api, agent.token);
    expectError(await postMessage(api, viewer.token, { ticket_id: ticket.id }), 403, "FORBIDDEN");
    expectError(await postMessage(api, viewer.token, { ticket_id: UNKNOWN_TICKET_ID }), 403, "FORBIDDEN");
    expect(await messageCount(ticket.id)).toBe(0);
  });

  it("checks the role before the body: a viewer's or anonymous invalid body is 403 / 401, not 422", async () => {
    const viewer = await signInAs(api, "viewer");
    expectError(await call(api, "POST", "/messages", { token: viewer.token, body: {} }), 403, "FORBIDDEN");
    expectError(await call(api, "POST", "/messages", { body: {} }), 401, "UNAUTHORIZED");
  });

  it("401 UNAUTHORIZED without a session token", async () => {
    const ticket = await createTicket(api, agent.token);
    expectError(await call(api, "POST", "/messages", { body: { ticket_id: ticket.id, type: "note", content: "x" } }), 401, "UNAUTHORIZED");
    expect(await messageCount(ticket.id)).toBe(0);
  });
});
