// The Messages API through tRPC (CONTRACT section 8): the procedures the REST adapter and the console both call.
import { randomUUID } from "node:crypto";
import type { SessionUser } from "@helpdesk/auth";
import { getDb, newId, type Role } from "@helpdesk/db";
import { TRPCError } from "@trpc/server";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { describe, expect, it } from "vitest";
import { appRouter, createCaller, describeError } from "../src/index.ts";
import { newNote, UNKNOWN_TICKET_ID } from "./support/contract.ts";

async function sessionUser(role: Role): Promise<SessionUser> {
  const user = await getDb().user.create({
    data: { id: newId("usr"), email: `${role}-${randomUUID()}@example.test`, name: `Proc ${role}`, role, passwordHash: "unused" },
  });
  return { id: user.id, email: user.email, name: user.name, role: user.role, sessionVersion: user.sessionVersion };
}

async function callerFor(role: Role | null) {
  const user = role ? await sessionUser(role) : null;
  return { user, caller: createCaller({ db: getDb(), user, headers: new Headers(), source: "api" as const }) };
}

async function newTicket(caller: ReturnType<typeof createCaller>, overrides: Record<string, unknown> = {}) {
  return caller.ticket.create({ subject: "Procedure ticket", requester_email: "req@example.test", requester_name: "Req", ...overrides } as never);
}

/** Runs a call that must fail; answers the TRPCError and the contract's view of it. */
async function failure(promise: Promise<unknown>) {
  const error = await promise.then(
    (value) => {
      throw new Error(`expected a failure, got ${JSON.stringify(value)}`);
    },
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(TRPCError);
  return { error: error as TRPCError, described: describeError(error as TRPCError) };
}

describe("message.create / byId / list", () => {
  it("creates a note and reads it back", async () => {
    const { user, caller } = await callerFor("agent");
    const ticket = await newTicket(caller);
    const message = await caller.message.create({ ticket_id: ticket.id, type: "note", content: "<p>Via <b>tRPC</b><script>x()</script></p>" });
    expect(message).toEqual(newNote({ ticketId: ticket.id, content: "<p>Via <b>tRPC</b></p>", textContent: "Via tRPC", authorId: user?.id }));
    const viewer = (await callerFor("viewer")).caller;
    expect(await viewer.message.byId({ message_id: message.id })).toEqual(message);
    const list = await viewer.message.list({ ticket_id: ticket.id });
    expect(list).toEqual({ data: [message], pagination: { page: 1, limit: 50, total: 1, totalPages: 1, hasMore: false } });
  });

  it("paginates and sorts like REST", async () => {
    const { caller } = await callerFor("agent");
    const ticket = await newTicket(caller);
    const ids: string[] = [];
    for (let n = 0; n < 5; n++) ids.push((await caller.message.create({ ticket_id: ticket.id, type: "note", content: `<p>${n}</p>` })).id);
    const page = await caller.message.list({ ticket_id: ticket.id, page: 2, limit: 2, sort_order: "desc" });
    expect(page.pagination).toEqual({ page: 2, limit: 2, total: 5, totalPages: 3, hasMore: true });
    const all = await caller.message.list({ ticket_id: ticket.id, limit: 100, sort_order: "desc" });
    expect(page.data.map((m) => m.id)).toEqual(all.data.slice(2, 4).map((m) => m.id));
    expect(new Set(all.data.map((m) => m.id))).toEqual(new Set(ids));
  });

  it("queues the requester's email for a response", async () => {
    const { caller } = await callerFor("agent");
    const ticket = await newTicket(caller);
    const message = await caller.message.create({
      ticket_id: ticket.id,
      type: "response",
      content: "<p>Done</p>",
      ccs: [{ email: "a@example.test", name: "A" }, { email: "A@EXAMPLE.TEST", name: "dup" }],
    });
    expect(message.delivery.status).toBe("queued");
    expect(message.recipients).toEqual([{ email: "req@example.test", name: "Req" }]);
    expect(message.ccs.map((cc) => cc.email.toLowerCase())).toEqual(["a@example.test"]);
    const emails = await getDb().outgoingEmail.findMany({ where: { messageId: message.id } });
    expect(emails).toHaveLength(1);
    expect(emails[0]).toMatchObject({ to: [{ email: "req@example.test", name: "Req" }], status: "queued" });
  });

  it("answers NOT_FOUND for an unknown ticket or message", async () => {
    const { caller } = await callerFor("agent");
    const create = await failure(caller.message.create({ ticket_id: UNKNOWN_TICKET_ID, type: "note", content: "x" }));
    expect(create.error.code).toBe("NOT_FOUND");
    expect(create.described.code).toBe("NOT_FOUND");
    expect((await failure(caller.message.list({ ticket_id: UNKNOWN_TICKET_ID }))).described.code).toBe("NOT_FOUND");
    expect((await failure(caller.message.byId({ message_id: "msg_01jzzzzzzzzzzzzzzzzzzzzzzz" }))).described.code).toBe("NOT_FOUND");
  });
});

describe("validation", () => {
  it("UNPROCESSABLE_CONTENT (422, as REST), described as VALIDATION_ERROR with REST's field keys", async () => {
    const { caller } = await callerFor("agent");
    const ticket = await newTicket(caller);
    const { error, described } = await failure(
      caller.message.create({
        ticket_id: ticket.id,
        type: "response",
        content: "<p>x</p>",
        ccs: [{ email: "ok@example.test" }, { email: "broken" }],
        ticket_update: { status: "done", colour: "red" },
      } as never),
    );
    expect(error.code).toBe("UNPROCESSABLE_CONTENT");
    expect(described.code).toBe("VALIDATION_ERROR");
    expect(Object.keys(described.details ?? {}).sort()).toEqual(["ccs.1.email", "ticket_update.colour", "ticket_update.status"]);
    expect(await getDb().message.count({ where: { ticketId: ticket.id } })).toBe(0);
  });

  it("names ticket_id, limit, page and sort_order for the list", async () => {
    const { caller } = await callerFor("viewer");
    const { described } = await failure(caller.message.list({ ticket_id: "abc", limit: 0, page: 0, sort_order: "up" } as never));
    expect(described.code).toBe("VALIDATION_ERROR");
    expect(Object.keys(described.details ?? {}).sort()).toEqual(["limit", "page", "sort_order", "ticket_id"]);
    const missing = await failure(caller.message.list({} as never));
    expect(missing.described.details).toMatchObject({ ticket_id: [{ code: "REQUIRED" }] });
  });

  it("refuses recipients without is_forward at recipients, and a forward without recipients", async () => {
    const { caller } = await callerFor("agent");
    const ticket = await newTicket(caller);
    const stray = await failure(
      caller.message.create({ ticket_id: ticket.id, type: "response", content: "x", recipients: [{ email: "v@example.test" }] }),
    );
    expect(stray.described.details).toMatchObject({ recipients: [{ code: "INVALID" }] });
    const forward = await failure(caller.message.create({ ticket_id: ticket.id, type: "response", content: "x", is_forward: true }));
    expect(forward.described.details).toMatchObject({ recipients: [{ code: "REQUIRED" }] });
  });
});

describe("business rules", () => {
  it("CLOSED_STATUS_SYSTEM_ONLY is FORBIDDEN, for admins too, and creates nothing", async () => {
    const { caller } = await callerFor("admin");
    const ticket = await newTicket(caller);
    const viaMessage = await failure(
      caller.message.create({ ticket_id: ticket.id, type: "note", content: "x", ticket_update: { status: "closed" } }),
    );
    expect(viaMessage.error.code).toBe("FORBIDDEN");
    expect(viaMessage.described.code).toBe("CLOSED_STATUS_SYSTEM_ONLY");
    const viaUpdate = await failure(caller.ticket.update({ ticket_id: ticket.id, status: "closed" }));
    expect(viaUpdate.error.code).toBe("FORBIDDEN");
    expect(viaUpdate.described.code).toBe("CLOSED_STATUS_SYSTEM_ONLY");
    const viaCreate = await failure(newTicket(caller, { status: "closed" }));
    expect(viaCreate.described.code).toBe("CLOSED_STATUS_SYSTEM_ONLY");
    expect(await getDb().message.count({ where: { ticketId: ticket.id } })).toBe(0);
    expect((await caller.ticket.byId({ ticket_id: ticket.id })).status).toBe("new");
  });

  it("TICKET_CLOSED is FORBIDDEN for messages and updates; reads still work", async () => {
    const { caller } = await callerFor("agent");
    const ticket = await newTicket(caller, { content: "<p>first</p>" });
    await getDb().ticket.update({ where: { id: ticket.id }, data: { status: "closed", closedAt: new Date() } });
    const message = await failure(caller.message.create({ ticket_id: ticket.id, type: "note", content: "x" }));
    expect(message.error.code).toBe("FORBIDDEN");
    expect(message.described.code).toBe("TICKET_CLOSED");
    const update = await failure(caller.ticket.update({ ticket_id: ticket.id, priority: "urgent" }));
    expect(update.described.code).toBe("TICKET_CLOSED");
    expect((await caller.message.list({ ticket_id: ticket.id })).pagination.total).toBe(1);
    expect(await caller.ticket.byId({ ticket_id: ticket.id })).toMatchObject({ status: "closed", priority: "normal" });
  });

  it("a request reopens a pending ticket", async () => {
    const { caller } = await callerFor("agent");
    const ticket = await newTicket(caller, { status: "pending" });
    await caller.message.create({ ticket_id: ticket.id, type: "request", content: "<p>Any news?</p>" });
    expect((await caller.ticket.byId({ ticket_id: ticket.id })).status).toBe("open");
  });
});

describe("roles", () => {
  it("a viewer reads but every write is FORBIDDEN; no user is UNAUTHORIZED", async () => {
    const { caller: agent } = await callerFor("agent");
    const ticket = await newTicket(agent);
    const { caller: viewer } = await callerFor("viewer");
    expect((await viewer.ticket.byId({ ticket_id: ticket.id })).id).toBe(ticket.id);
    expect((await viewer.message.list({ ticket_id: ticket.id })).data).toEqual([]);
    for (const attempt of [
      viewer.message.create({ ticket_id: ticket.id, type: "note", content: "x" }),
      viewer.ticket.update({ ticket_id: ticket.id, priority: "high" }),
      newTicket(viewer),
    ]) {
      const { error, described } = await failure(attempt);
      expect(error.code).toBe("FORBIDDEN");
      expect(described.code).toBe("FORBIDDEN");
    }
    const { caller: nobody } = await callerFor(null);
    const anonymous = await failure(nobody.message.list({ ticket_id: ticket.id }));
    expect(anonymous.error.code).toBe("UNAUTHORIZED");
    expect(anonymous.described.code).toBe("UNAUTHORIZED");
  });
});

describe("idempotency_key", () => {
  it("a repeat answers the first message; a different body is CONFLICT; another user is independent", async () => {
    const { caller } = await callerFor("agent");
    const ticket = await newTicket(caller);
    const input = { ticket_id: ticket.id, type: "note" as const, content: "<p>once</p>", idempotency_key: `k-${randomUUID()}` };
    const first = await caller.message.create(input);
    expect(await caller.message.create(input)).toEqual(first);
    expect(await getDb().message.count({ where: { ticketId: ticket.id } })).toBe(1);
    const conflict = await failure(caller.message.create({ ...input, content: "<p>twice</p>" }));
    expect(conflict.error.code).toBe("CONFLICT");
    expect(conflict.described.code).toBe("CONFLICT");
    const { caller: other } = await callerFor("agent");
    expect((await other.message.create(input)).id).not.toBe(first.id);
    expect(await getDb().message.count({ where: { ticketId: ticket.id } })).toBe(2);
  });

  it("a key over 255 characters is a validation error at idempotency_key", async () => {
    const { caller } = await callerFor("agent");
    const ticket = await newTicket(caller);
    const { described } = await failure(
      caller.message.create({ ticket_id: ticket.id, type: "note", content: "x", idempotency_key: "k".repeat(256) }),
    );
    expect(described.code).toBe("VALIDATION_ERROR");
    expect(Object.keys(described.details ?? {})).toContain("idempotency_key");
  });
});

describe("over tRPC's HTTP transport (what the console sees)", () => {
  /** One procedure call through the fetch adapter, as the console's link sends it (plain JSON). */
  async function overHttp(user: SessionUser, path: string, input: unknown) {
    const response = await fetchRequestHandler({
      endpoint: "/trpc",
      router: appRouter,
      req: new Request(`http://localhost/trpc/${path}`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(input),
      }),
      createContext: () => ({ db: getDb(), user, headers: new Headers(), source: "api" as const }),
    });
    return { status: response.status, body: await response.json() };
  }

  it("carries the contract's code and details in the error's data, with no stack", async () => {
    const user = await sessionUser("agent");
    const ticket = await newTicket(createCaller({ db: getDb(), user, headers: new Headers(), source: "api" as const }));
    await getDb().ticket.update({ where: { id: ticket.id }, data: { status: "closed", closedAt: new Date() } });
    const closed = await overHttp(user, "message.create", { ticket_id: ticket.id, type: "note", content: "x" });
    expect(closed.status).toBe(403);
    const data = closed.body.error.data;
    expect(data.code).toBe("FORBIDDEN");
    expect(Object.values(data)).toContain("TICKET_CLOSED");
    expect(data.stack ?? null).toBeNull();
    expect(JSON.stringify(closed.body)).not.toMatch(/\.ts:\d+/);

    const invalid = await overHttp(user, "message.create", { ticket_id: ticket.id, type: "note", content: "x", ccs: [{ email: "bad" }] });
    const invalidData = invalid.body.error.data;
    expect(Object.values(invalidData)).toContain("VALIDATION_ERROR");
    expect(JSON.stringify(invalidData)).toContain("ccs.0.email");
  });
});
