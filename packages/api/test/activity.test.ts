// CONTRACT §12 activity: every change of a ticket's status, priority, type, assignee and tags becomes one TicketEvent
// with the user who made it (null for the system), whichever path made it; ticket.events reads them (viewer).
import { randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { SessionUser } from "@helpdesk/auth";
import { createDb, type Db, getDb, newId, type Role } from "@helpdesk/db";
import { TICKET_EVENTS_MAX, ZTicketEventList } from "@helpdesk/validators";
import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeStaleResolvedTickets, createCaller, describeError, LocalDiskStorage, receiveEmail } from "../src/index.ts";
import { ISO_UTC_MS, UNKNOWN_TICKET_ID } from "./support/contract.ts";
import { customerMail } from "./support/customer-mail.ts";

const EVENT_ID = /^tev_[0-9a-z]{26}$/;

async function signedIn(role: Role, db: Db = getDb()) {
  const row = await getDb().user.create({
    data: { id: newId("usr"), email: `${role}-${randomUUID()}@example.test`, name: `Activity ${role}`, role, passwordHash: "unused" },
  });
  const user: SessionUser = { id: row.id, email: row.email, name: row.name, role: row.role, sessionVersion: row.sessionVersion };
  return { user, caller: createCaller({ db, user, headers: new Headers(), source: "api" as const }) };
}

let agent: Awaited<ReturnType<typeof signedIn>>;
let viewer: Awaited<ReturnType<typeof signedIn>>;
let storage: LocalDiskStorage;
const inboundConfig = { addresses: ["support@helpdesk.test"], fromEmail: "support@helpdesk.test", maxBytes: 1024 * 1024 };

beforeAll(async () => {
  [agent, viewer] = [await signedIn("agent"), await signedIn("viewer")];
  storage = new LocalDiskStorage(await mkdtemp(path.join(tmpdir(), "helpdesk-activity-")));
});
afterAll(() => rm(storage.dir, { recursive: true, force: true }));

const newTicket = (fields: Record<string, unknown> = {}) =>
  agent.caller.ticket.create({ subject: "Printer on fire", requester_email: "ann@customer.test", ...fields } as never);

/** The ticket's events as a viewer reads them, checked against the contract's schema. */
async function eventsOf(ticketId: string) {
  return ZTicketEventList.parse(await viewer.caller.ticket.events({ ticket_id: ticketId })).data;
}

/** Makes a resolved ticket stale for the automation (a raw UPDATE of updatedAt alone fires no activity). */
async function resolvedLongAgo(db: Db = getDb()) {
  const ticket = await newTicket({ status: "resolved" });
  await db.$executeRaw`UPDATE "Ticket" SET "updatedAt" = now() - interval '200 hours' WHERE id = ${ticket.id}`;
  return ticket;
}

describe("what is recorded", () => {
  it("records a PATCH as one event with every changed field and the agent as actor", async () => {
    const assignee = await signedIn("agent");
    const ticket = await newTicket({ tags: ["vip", "printer"] });
    const updated = await agent.caller.ticket.update({
      ticket_id: ticket.id, status: "pending", priority: "high", type: "incident", assignee_id: assignee.user.id, tags: ["printer", "billing"],
      subject: "Printer on fire again",
    });
    expect(await eventsOf(ticket.id)).toEqual([
      {
        id: expect.stringMatching(EVENT_ID),
        ticketId: ticket.id,
        actorId: agent.user.id,
        kind: "ticket.updated",
        changes: {
          status: { from: "new", to: "pending" },
          priority: { from: "normal", to: "high" },
          type: { from: "question", to: "incident" },
          assigneeId: { from: null, to: assignee.user.id },
          tags: { from: ["vip", "printer"], to: ["printer", "billing"] },
        },
        createdAt: updated.updatedAt,
      },
    ]);
  });

  it("records nothing when nothing it tracks changes", async () => {
    const ticket = await newTicket({ status: "open", priority: "low", tags: ["a"] });
    await agent.caller.ticket.update({ ticket_id: ticket.id, status: "open", priority: "low", type: "question", assignee_id: null, tags: ["a"] });
    await agent.caller.ticket.update({ ticket_id: ticket.id, subject: "Only the subject" });
    await agent.caller.message.create({ ticket_id: ticket.id, type: "note", content: "<p>A note changes no field</p>" });
    expect(await eventsOf(ticket.id)).toEqual([]);
  });

  it("records a message's ticket_update with its author, at the message's time", async () => {
    const ticket = await newTicket({ status: "open" });
    const message = await agent.caller.message.create({
      ticket_id: ticket.id, type: "note", content: "<p>Waiting on the customer</p>", ticket_update: { status: "pending", priority: "urgent" },
    });
    expect(await eventsOf(ticket.id)).toEqual([
      expect.objectContaining({
        actorId: agent.user.id,
        changes: { status: { from: "open", to: "pending" }, priority: { from: "normal", to: "urgent" } },
        createdAt: message.createdAt,
      }),
    ]);
  });

  it("records the reopening by a request with its author", async () => {
    const ticket = await newTicket({ status: "pending" });
    await agent.caller.message.create({ ticket_id: ticket.id, type: "request", content: "<p>The customer called</p>" });
    expect(await eventsOf(ticket.id)).toEqual([
      expect.objectContaining({ actorId: agent.user.id, changes: { status: { from: "pending", to: "open" } } }),
    ]);
  });

  it("records the automation's closing as the system's", async () => {
    const ticket = await resolvedLongAgo();
    const now = new Date();
    expect(await closeStaleResolvedTickets(getDb(), { olderThanHours: 96, now })).toContain(ticket.id);
    expect(await eventsOf(ticket.id)).toEqual([
      expect.objectContaining({ actorId: null, changes: { status: { from: "resolved", to: "closed" } }, createdAt: now.toISOString() }),
    ]);
  });

  it("records a customer's mail reopening a pending ticket as the system's", async () => {
    const ticket = await newTicket({ status: "pending" });
    const mail = customerMail({ subject: `Re: Printer on fire [${ticket.id}]`, body: "Still burning." });
    const result = await receiveEmail(getDb(), Buffer.from(mail.raw), { door: "http" }, { storage, config: inboundConfig });
    expect(result).toMatchObject({ outcome: "appended", ticketId: ticket.id });
    expect(await eventsOf(ticket.id)).toEqual([
      expect.objectContaining({ actorId: null, changes: { status: { from: "pending", to: "open" } } }),
    ]);
  });

  it("keeps one agent's actor to their own transaction on a pooled connection", async () => {
    // One connection: the automation's statements run on the very connection the agent's PATCH just used.
    const single = createDb(process.env.DATABASE_URL ?? "", { max: 1 });
    try {
      const agentOnSingle = createCaller({ db: single, user: agent.user, headers: new Headers(), source: "api" as const });
      const ticket = await resolvedLongAgo(single);
      const other = await newTicket({ status: "open" });
      await agentOnSingle.ticket.update({ ticket_id: other.id, priority: "high" });
      await agentOnSingle.message.create({ ticket_id: other.id, type: "note", content: "<p>n</p>", ticket_update: { priority: "low" } });
      expect(await closeStaleResolvedTickets(single, { olderThanHours: 96 })).toContain(ticket.id);
      expect((await eventsOf(other.id)).map((event) => event.actorId)).toEqual([agent.user.id, agent.user.id]);
      expect((await eventsOf(ticket.id)).map((event) => event.actorId)).toEqual([null]);
    } finally {
      await single.$disconnect();
    }
  });
});

describe("ticket.events", () => {
  it("answers the events oldest first, to a viewer", async () => {
    const ticket = await newTicket();
    await agent.caller.ticket.update({ ticket_id: ticket.id, status: "open" });
    await agent.caller.ticket.update({ ticket_id: ticket.id, status: "pending" });
    await agent.caller.ticket.update({ ticket_id: ticket.id, status: "resolved" });
    const events = await eventsOf(ticket.id);
    expect(events.map((event) => event.changes.status?.to)).toEqual(["open", "pending", "resolved"]);
    expect(events.every((event) => ISO_UTC_MS.test(event.createdAt))).toBe(true);
  });

  it(`answers at most the newest ${TICKET_EVENTS_MAX}, still oldest first`, async () => {
    const ticket = await newTicket();
    await getDb().$executeRaw`
      INSERT INTO "TicketEvent" (id, "ticketId", kind, changes, "createdAt")
      SELECT helpdesk_typeid('tev', at), ${ticket.id}, 'ticket.updated', jsonb_build_object('priority', jsonb_build_object('from', 'low', 'to', n::text)), at
      FROM generate_series(1, ${TICKET_EVENTS_MAX + 5}) AS n, LATERAL (SELECT now() - make_interval(secs => ${TICKET_EVENTS_MAX + 5} - n) AS at) AS t`;
    const events = await eventsOf(ticket.id);
    expect(events).toHaveLength(TICKET_EVENTS_MAX);
    expect(events[0]?.changes.priority?.to).toBe("6");
    expect(events.at(-1)?.changes.priority?.to).toBe(String(TICKET_EVENTS_MAX + 5));
  });

  it("answers NOT_FOUND for an unknown ticket and UNAUTHORIZED without a session", async () => {
    const unknown = await viewer.caller.ticket.events({ ticket_id: UNKNOWN_TICKET_ID }).catch((error: unknown) => error);
    expect(unknown).toBeInstanceOf(TRPCError);
    expect(describeError(unknown as TRPCError)).toMatchObject({ code: "NOT_FOUND" });
    const anonymous = createCaller({ db: getDb(), user: null, headers: new Headers(), source: "api" as const });
    const signedOut = await anonymous.ticket.events({ ticket_id: UNKNOWN_TICKET_ID }).catch((error: unknown) => error);
    expect(describeError(signedOut as TRPCError)).toMatchObject({ code: "UNAUTHORIZED" });
  });
});

describe("ticket.onChanged with ticket_id", () => {
  it("announces that ticket's changes only, the automation's closing included", async () => {
    const ticket = await resolvedLongAgo();
    const other = await newTicket();
    const controller = new AbortController();
    const listener = createCaller({ db: getDb(), user: viewer.user, headers: new Headers(), source: "api" as const }, { signal: controller.signal });
    try {
      const stream = (await listener.ticket.onChanged({ ticket_id: ticket.id }))[Symbol.asyncIterator]();
      const first = stream.next();
      // Let the stream start listening before anything is published.
      await new Promise((resolve) => setTimeout(resolve, 300));
      await agent.caller.ticket.update({ ticket_id: other.id, priority: "high" });
      await closeStaleResolvedTickets(getDb(), { olderThanHours: 96 });
      const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error("no event arrived")), 5000));
      expect((await Promise.race([first, timeout])).value).toEqual({ ticketId: ticket.id });
    } finally {
      controller.abort();
    }
  });
});
