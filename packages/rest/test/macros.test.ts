// CONTRACT section 13: macros (canned replies). Agents list and render them; admins manage them.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call, useApi } from "./support/api.ts";
import { createTicket, expectError, expectValidation, ISO_UTC_MS, marker, TICKET_ID, UNKNOWN_TICKET_ID } from "./support/fixtures.ts";
import { startTrpc, trpcBatch, type TestTrpc } from "./support/trpc.ts";

const { api, users: [admin, agent, viewer] } = useApi({ roles: ["admin", "agent", "viewer"] });
let trpc: TestTrpc;
beforeAll(async () => {
  trpc = await startTrpc();
});
afterAll(() => trpc?.close());

const UNKNOWN_MACRO = "mac_01jxa7q6z3c4v5b6n7m8k9h0gf";
const newMacro = (body: Record<string, unknown> = {}, token = admin.token) =>
  call(api, "POST", "/macros", { token, body: { name: `Greeting ${marker()}`, content: "<p>Hello</p>", ...body } });
const render = (macroId: string, ticketId: string, token = agent.token) =>
  call(api, "POST", `/macros/${macroId}/render`, { token, body: { ticket_id: ticketId } });

describe("managing macros", () => {
  it("an admin creates one: 201, Location, content sanitized, defaults", async () => {
    const name = `Refund ${marker()}`;
    const response = await newMacro({
      name,
      content: `<p onclick="alert(1)">Hi {{ticket.requester_name}}<script>alert(2)</script><img src=x onerror=alert(3)></p>`,
    });
    expect(response.status).toBe(201);
    expect(response.headers.get("location")).toBe(`/helpdesk/api/macros/${response.body.id}`);
    expect(response.body).toEqual({
      id: expect.stringMatching(/^mac_[0-9a-z]{26}$/),
      name,
      content: `<p>Hi {{ticket.requester_name}}<img src="x" /></p>`,
      ticketUpdate: {},
      addTags: [],
      createdAt: expect.stringMatching(ISO_UTC_MS),
      updatedAt: expect.stringMatching(ISO_UTC_MS),
    });
  });

  it("keeps ticket_update and add_tags, each tag once", async () => {
    const response = await newMacro({ ticket_update: { status: "pending", priority: "high" }, add_tags: ["refund", "billing", "refund"] });
    expect(response.body).toMatchObject({ ticketUpdate: { status: "pending", priority: "high" }, addTags: ["refund", "billing"] });
  });

  it("409 CONFLICT for a name already taken in any case, on create and rename", async () => {
    const name = `Shipping ${marker()}`;
    await newMacro({ name });
    expectError(await newMacro({ name: name.toUpperCase() }), 409, "CONFLICT");
    const other = await newMacro();
    expectError(await call(api, "PATCH", `/macros/${other.body.id}`, { token: admin.token, body: { name: ` ${name.toLowerCase()} ` } }), 409, "CONFLICT");
  });

  it("422 for content that sanitizes to nothing, an empty name, a bad ticket_update", async () => {
    expectValidation(await newMacro({ content: "<script>alert(1)</script>" }), "content");
    expectValidation(await newMacro({ name: "  " }), "name");
    expectValidation(await newMacro({ ticket_update: { status: "later" } }), "ticket_update.status");
  });

  it("an admin updates and deletes; unknown ids are 404", async () => {
    const created = (await newMacro()).body;
    const updated = await call(api, "PATCH", `/macros/${created.id}`, { token: admin.token, body: { content: "<p>New <b>text</b></p>", add_tags: ["x"] } });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ id: created.id, name: created.name, content: "<p>New <b>text</b></p>", addTags: ["x"] });
    expect((await call(api, "DELETE", `/macros/${created.id}`, { token: admin.token })).status).toBe(204);
    expectError(await call(api, "DELETE", `/macros/${created.id}`, { token: admin.token }), 404, "NOT_FOUND");
    expectError(await call(api, "PATCH", `/macros/${UNKNOWN_MACRO}`, { token: admin.token, body: { name: "x" } }), 404, "NOT_FOUND");
    const listed = await call(api, "GET", "/macros", { token: agent.token });
    expect(listed.body.data.map((macro: { id: string }) => macro.id)).not.toContain(created.id);
  });

  it("agents list and render but cannot manage; viewers cannot list", async () => {
    const created = (await newMacro()).body;
    const listed = await call(api, "GET", "/macros", { token: agent.token });
    expect(listed.status).toBe(200);
    expect(listed.body.data).toContainEqual(created);
    expectError(await newMacro({}, agent.token), 403, "FORBIDDEN");
    expectError(await call(api, "PATCH", `/macros/${created.id}`, { token: agent.token, body: { name: "x" } }), 403, "FORBIDDEN");
    expectError(await call(api, "DELETE", `/macros/${created.id}`, { token: agent.token }), 403, "FORBIDDEN");
    expectError(await call(api, "GET", "/macros", { token: viewer.token }), 403, "FORBIDDEN");
    const ticket = await createTicket(api, agent.token);
    expectError(await render(created.id, ticket.id, viewer.token), 403, "FORBIDDEN");
  });
});

describe("POST /macros/:macro_id/render", () => {
  it("fills the placeholders with HTML-escaped values and leaves unknown ones as typed", async () => {
    const macro = (await newMacro({
      content: "<p>Hi {{ticket.requester_name}}, about {{ ticket.id }}: {{ticket.subject}}</p><p>{{agent.name}}</p>",
      ticket_update: { status: "pending" },
      add_tags: ["greeted"],
    })).body;
    const ticket = await createTicket(api, agent.token, { requester_name: `<b>Dana</b> & "Co"` });
    const response = await render(macro.id, ticket.id);
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      content: `<p>Hi &lt;b&gt;Dana&lt;/b&gt; &amp; &quot;Co&quot;, about ${ticket.id}: {{ticket.subject}}</p><p>Test agent</p>`,
      ticket_update: { status: "pending" },
      add_tags: ["greeted"],
    });
    expect(ticket.id).toMatch(TICKET_ID);
  });

  it("names a requester without a name by their email", async () => {
    const macro = (await newMacro({ content: "<p>Hi {{ticket.requester_name}}</p>" })).body;
    const ticket = await createTicket(api, agent.token, { requester_name: null });
    expect((await render(macro.id, ticket.id)).body.content).toBe(`<p>Hi ${ticket.requesterEmail}</p>`);
  });

  it("404 for an unknown macro or ticket; 422 without ticket_id", async () => {
    const macro = (await newMacro()).body;
    const ticket = await createTicket(api, agent.token);
    expectError(await render(UNKNOWN_MACRO, ticket.id), 404, "NOT_FOUND");
    expectError(await render(macro.id, UNKNOWN_TICKET_ID), 404, "NOT_FOUND");
    expectValidation(await call(api, "POST", `/macros/${macro.id}/render`, { token: agent.token, body: {} }), "ticket_id", "REQUIRED");
  });
});

describe("tRPC macro.*", () => {
  it("create, list, update, render and delete as over REST", async () => {
    const name = `Trpc ${marker()}`;
    const created = await trpcBatch(trpc, "mutation", [{ path: "macro.create", input: { name, content: "<p>By {{agent.name}}</p>" } }], { token: admin.token });
    const macro = (created.results[0] as { data: { id: string } }).data;
    const rest = await call(api, "GET", "/macros", { token: agent.token });
    const listed = await trpcBatch(trpc, "query", [{ path: "macro.list" }], { token: agent.token });
    expect(listed.results[0]).toEqual({ data: rest.body });
    const ticket = await createTicket(api, agent.token);
    const rendered = await trpcBatch(trpc, "mutation", [{ path: "macro.render", input: { macro_id: macro.id, ticket_id: ticket.id } }], { token: agent.token });
    expect(rendered.results[0]).toEqual({ data: { content: "<p>By Test agent</p>", ticket_update: {}, add_tags: [] } });
    const forbidden = await trpcBatch(trpc, "mutation", [{ path: "macro.update", input: { macro_id: macro.id, name: "x" } }], { token: agent.token });
    expect(forbidden.results[0]).toMatchObject({ error: { appCode: "FORBIDDEN" } });
    const deleted = await trpcBatch(trpc, "mutation", [{ path: "macro.delete", input: { macro_id: macro.id } }], { token: admin.token });
    expect(deleted.results[0]).not.toHaveProperty("error");
  });
});
