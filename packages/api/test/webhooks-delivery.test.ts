// Issue 14 (CONTRACT §14): webhooks delivered from the transactional outbox to a real HTTP receiver process on
// loopback: signed, every event exactly once in the end and in order per ticket through an outage, nothing for a
// rolled-back change, once across two instances, and never for a message undone within its window. A database of
// this file's own, so that no other file's events reach these endpoints.
import { randomUUID } from "node:crypto";
import { getDb, newId, type Role } from "@helpdesk/db";
import { createTestDatabase, type TestDatabase } from "@helpdesk/db/testing";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { createCaller, startBackgroundWork, stopJobSender, type BackgroundWork } from "../src/index.ts";
import { eventOf, FAST_DELIVERY, Receiver, signatureValid } from "./support/webhooks.ts";

let database: TestDatabase;
let background: BackgroundWork;
const receivers: Receiver[] = [];

const startWorker = () => startBackgroundWork(getDb(), { databaseUrl: database.url, mail: null, automations: null, webhooks: FAST_DELIVERY });

beforeAll(async () => {
  database = await createTestDatabase("webhooks");
  process.env.DATABASE_URL = database.url;
  process.env.HELPDESK_WEBHOOKS_ALLOW_PRIVATE = "1";
  background = await startWorker();
});

afterEach(async () => {
  // Each test's endpoints hear only its own events.
  await getDb().webhook.deleteMany();
  await Promise.all(receivers.splice(0).map((receiver) => receiver.stop()));
});

afterAll(async () => {
  await background?.stop();
  await stopJobSender();
  await getDb().$disconnect();
  await database?.stop();
});

async function callerFor(role: Role) {
  const user = await getDb().user.create({
    data: { id: newId("usr"), email: `${role}-${randomUUID()}@example.test`, name: role, role, passwordHash: "unused" },
  });
  return createCaller({ db: getDb(), user: { ...user, sessionVersion: user.sessionVersion }, headers: new Headers(), source: "api" });
}

async function receiver(): Promise<Receiver> {
  const started = await new Receiver().start();
  receivers.push(started);
  return started;
}

const ALL_EVENTS = ["message.created", "ticket.created", "ticket.updated", "message.delivery_failed"] as const;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("webhook delivery", () => {
  it("signs the event with the endpoint's secret (another secret fails) and sends the Message as the API answers it", async () => {
    const [admin, agent, target] = await Promise.all([callerFor("admin"), callerFor("agent"), receiver()]);
    const webhook = await admin.webhook.create({ url: target.url(), events: ["message.created"] });
    const ticket = await agent.ticket.create({ subject: "Signed", requester_email: "r@example.test" });
    const note = await agent.message.create({ ticket_id: ticket.id, type: "note", content: "<p>hello</p>" });
    await vi.waitFor(async () => expect(await target.received()).toHaveLength(1), { timeout: 10_000, interval: 50 });
    const [received] = await target.received();
    expect(signatureValid(received!, webhook.secret)).toBe(true);
    expect(signatureValid(received!, `${webhook.secret}x`)).toBe(false);
    expect(signatureValid({ ...received!, body: received!.body.replace("hello", "hellO") }, webhook.secret)).toBe(false);
    const event = eventOf(received!);
    expect(event).toEqual({ id: expect.stringMatching(/^evt_[0-9a-z]{26}$/), type: "message.created", createdAt: expect.any(String), data: note });
    expect(received!.headers["helpdesk-event-id"]).toBe(event.id);
    expect(received!.headers["content-type"]).toBe("application/json");
    expect(received!.headers["user-agent"]).toMatch(/^Helpdesk-Webhooks\//);
    // The secret is in the create's answer only.
    expect(await admin.webhook.byId({ webhook_id: webhook.id })).not.toHaveProperty("secret");
    expect((await admin.webhook.list()).data[0]).not.toHaveProperty("secret");
  });

  it("delivers every event exactly once, in creation order per ticket, to a receiver that was down for a while", async () => {
    const [admin, agent, target] = await Promise.all([callerFor("admin"), callerFor("agent"), receiver()]);
    const port = target.port;
    await target.stop();
    const webhook = await admin.webhook.create({ url: `http://127.0.0.1:${port}/hook`, events: [...ALL_EVENTS] });
    const tickets = await Promise.all([1, 2, 3].map((n) => agent.ticket.create({ subject: `Outage ${n}`, requester_email: "r@example.test" })));
    for (let round = 0; round < 4; round++) {
      await Promise.all(tickets.map((ticket) =>
        agent.message.create({ ticket_id: ticket.id, type: "note", content: `<p>${round}</p>`, ticket_update: { priority: round % 2 ? "high" : "low" } })));
    }
    // Retried while it is down: every ticket's first event has failed at least twice.
    await vi.waitFor(async () => {
      const firsts = await getDb().webhookDelivery.findMany({ where: { webhookId: webhook.id }, orderBy: { seq: "asc" }, distinct: ["ticketId"] });
      expect(firsts.map((delivery) => delivery.attempts >= 2 && /ECONNREFUSED/.test(delivery.lastError ?? ""))).toEqual([true, true, true]);
    }, { timeout: 15_000, interval: 100 });
    await target.start(port);
    // Up again, but refusing the second message of each ticket for a while: the ticket's later events must wait.
    await target.behave({ failWhenBodyIncludes: "<p>1</p>" });
    const expected = await getDb().webhookDelivery.findMany({ where: { webhookId: webhook.id }, orderBy: { seq: "asc" }, select: { eventId: true, ticketId: true } });
    // 3 ticket.created, 12 message.created, 12 ticket.updated (the priority flips on each message).
    expect(expected).toHaveLength(27);
    await vi.waitFor(async () => expect((await target.received()).filter((r) => r.status === 500).length).toBeGreaterThanOrEqual(6), { timeout: 15_000, interval: 50 });
    await target.behave({ failWhenBodyIncludes: null });
    await vi.waitFor(async () => expect(await target.accepted()).toHaveLength(expected.length), { timeout: 30_000, interval: 100 });
    await sleep(1000);
    const received = (await target.accepted()).map(eventOf);
    expect(received).toHaveLength(expected.length);
    expect(new Set(received.map((event) => event.id)).size).toBe(expected.length);
    const got = received.map((event) => ({ eventId: event.id, ticketId: event.type.startsWith("ticket.") ? event.data.id : (event.data.ticketId ?? null) }));
    for (const ticket of tickets) {
      const order = (events: { ticketId: string | null; eventId: string }[]) => events.filter((event) => event.ticketId === ticket.id).map((event) => event.eventId);
      expect(order(got)).toEqual(order(expected));
    }
    const deliveries = await getDb().webhookDelivery.findMany({ where: { webhookId: webhook.id } });
    const stats = { events: deliveries.length, delivered: deliveries.filter((d) => d.status === "delivered").length, attempts: deliveries.reduce((sum, d) => sum + d.attempts, 0) };
    console.log(`webhooks through an outage: ${stats.events} events, ${stats.delivered} delivered, ${stats.attempts - stats.events} retries, ${stats.events - stats.delivered} lost`);
    expect(stats.delivered).toBe(stats.events);
    expect((await getDb().webhook.findUniqueOrThrow({ where: { id: webhook.id } })).failingSince).toBeNull();
  });

  it("announces nothing for a rolled-back message, and announces the same message committed", async () => {
    const [admin, agent, target] = await Promise.all([callerFor("admin"), callerFor("agent"), receiver()]);
    await admin.webhook.create({ url: target.url(), events: ["message.created"] });
    const ticket = await agent.ticket.create({ subject: "Rollback", requester_email: "r@example.test" });
    const write = (id: string) => getDb().message.create({ data: { id, ticketId: ticket.id, type: "note", content: "<p>x</p>", textContent: "x" } });
    const rolledBack = newId("msg");
    await expect(getDb().$transaction(async (tx) => {
      await tx.message.create({ data: { id: rolledBack, ticketId: ticket.id, type: "note", content: "<p>x</p>", textContent: "x" } });
      throw new Error("rolled back");
    })).rejects.toThrow("rolled back");
    const committed = newId("msg");
    await write(committed);
    await vi.waitFor(async () => expect((await target.received()).map((r) => eventOf(r).data.id)).toEqual([committed]), { timeout: 10_000, interval: 50 });
    expect(await getDb().webhookEvent.count({ where: { subjectId: rolledBack } })).toBe(0);
  });

  it("sends each event once with two server instances working the same database", async () => {
    const [admin, agent, target] = await Promise.all([callerFor("admin"), callerFor("agent"), receiver()]);
    const second = await startWorker();
    try {
      const webhook = await admin.webhook.create({ url: target.url(), events: ["message.created"] });
      const tickets = await Promise.all(Array.from({ length: 10 }, (_, n) => agent.ticket.create({ subject: `Twice ${n}`, requester_email: "r@example.test" })));
      await Promise.all(tickets.flatMap((ticket) => [1, 2, 3, 4].map((n) => agent.message.create({ ticket_id: ticket.id, type: "note", content: `<p>${n}</p>` }))));
      await vi.waitFor(async () => expect(await target.received()).toHaveLength(40), { timeout: 15_000, interval: 50 });
      await sleep(1500);
      const ids = (await target.received()).map((r) => eventOf(r).id);
      expect(ids).toHaveLength(40);
      expect(new Set(ids).size).toBe(40);
      const attempts = await getDb().webhookDelivery.findMany({ where: { webhookId: webhook.id }, select: { attempts: true, status: true } });
      expect(attempts.every((d) => d.attempts === 1 && d.status === "delivered")).toBe(true);
    } finally {
      await second.stop();
    }
  });

  it("announces a response once its undo window has closed, and never one that was undone", async () => {
    process.env.HELPDESK_UNDO_SEND_SECONDS = "1.5";
    try {
      const [admin, agent, target] = await Promise.all([callerFor("admin"), callerFor("agent"), receiver()]);
      const webhook = await admin.webhook.create({ url: target.url(), events: ["message.created"] });
      const ticket = await agent.ticket.create({ subject: "Undo", requester_email: "r@example.test" });
      const kept = await agent.message.create({ ticket_id: ticket.id, type: "response", content: "<p>kept</p>" });
      const undone = await agent.message.create({ ticket_id: ticket.id, type: "response", content: "<p>undone</p>" });
      await agent.message.undo({ message_id: undone.id });
      await vi.waitFor(async () => expect(await target.received()).toHaveLength(1), { timeout: 10_000, interval: 50 });
      const [received] = await target.received();
      expect(eventOf(received!).data.id).toBe(kept.id);
      expect(received!.at).toBeGreaterThanOrEqual(Date.parse(kept.undoableUntil!));
      await vi.waitFor(async () => {
        const statuses = await getDb().webhookDelivery.findMany({ where: { webhookId: webhook.id }, orderBy: { seq: "asc" }, select: { status: true } });
        expect(statuses.map((d) => d.status)).toEqual(["delivered", "cancelled"]);
      }, { timeout: 10_000, interval: 50 });
      expect(await target.received()).toHaveLength(1);
    } finally {
      delete process.env.HELPDESK_UNDO_SEND_SECONDS;
    }
  });
});
