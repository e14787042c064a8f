// CONTRACT section 8: new messages reach open consoles live, across server instances. An instance hears every
// commit through PostgreSQL LISTEN/NOTIFY, so a NOTIFY from another connection stands for another instance.
import { randomUUID } from "node:crypto";
import { getDb, newId } from "@helpdesk/db";
import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import { createCaller } from "../src/index.ts";

const aborts: AbortController[] = [];
afterEach(() => {
  for (const controller of aborts.splice(0)) controller.abort();
});

async function agentCaller() {
  const user = await getDb().user.create({
    data: { id: newId("usr"), email: `live-${randomUUID()}@example.test`, name: "Live agent", role: "agent", passwordHash: "unused" },
  });
  return createCaller({ db: getDb(), user: { ...user, sessionVersion: user.sessionVersion }, headers: new Headers(), source: "api" as const });
}

/** A new viewer, and a caller of theirs whose subscriptions end when the test does. */
async function listener(controller: AbortController) {
  const viewer = await getDb().user.create({
    data: { id: newId("usr"), email: `viewer-${randomUUID()}@example.test`, name: "Live viewer", role: "viewer", passwordHash: "unused" },
  });
  const caller = createCaller({ db: getDb(), user: { ...viewer, sessionVersion: viewer.sessionVersion }, headers: new Headers(), source: "api" as const }, { signal: controller.signal });
  return { viewer, caller };
}

/**
 * Starts a subscription the way the SSE handler does (asking for its first value at once, which starts listening)
 * and answers that first value, or an error when none arrives within `ms`.
 */
async function subscribe<T>(subscription: Promise<AsyncIterable<T>>) {
  const first = (await subscription)[Symbol.asyncIterator]().next();
  // Let the listener connect before anything is published.
  await new Promise((resolve) => setTimeout(resolve, 300));
  return async (ms = 5000): Promise<T> => {
    const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error("no event arrived")), ms));
    return (await Promise.race([first, timeout])).value as T;
  };
}

describe("live events", () => {
  it("message.onCreated yields a message committed on its ticket, and not others", async () => {
    const caller = await agentCaller();
    const ticket = await caller.ticket.create({ subject: "Live", requester_email: "c@example.test" });
    const other = await caller.ticket.create({ subject: "Other", requester_email: "c@example.test" });
    const controller = new AbortController();
    aborts.push(controller);
    const { caller: viewerCaller } = await listener(controller);
    const firstEvent = await subscribe(viewerCaller.message.onCreated({ ticket_id: ticket.id }));
    await caller.message.create({ ticket_id: other.id, type: "note", content: "<p>elsewhere</p>" });
    const created = await caller.message.create({ ticket_id: ticket.id, type: "note", content: "<p>live</p>" });
    const received = await firstEvent();
    expect(received).toEqual(created);
  });

  it("hears a commit made by another instance (another database connection)", async () => {
    const caller = await agentCaller();
    const ticket = await caller.ticket.create({ subject: "Across instances", requester_email: "c@example.test" });
    const written = await caller.message.create({ ticket_id: ticket.id, type: "note", content: "<p>from elsewhere</p>" });
    const controller = new AbortController();
    aborts.push(controller);
    const { caller: viewerCaller } = await listener(controller);
    const firstEvent = await subscribe(viewerCaller.message.onCreated({ ticket_id: ticket.id }));
    // What another server's commit sends: this process never published it.
    const elsewhere = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await elsewhere.connect();
    const event = { kind: "message.created", ticketId: ticket.id, messageId: written.id };
    await elsewhere.query("SELECT pg_notify('helpdesk_events', $1)", [JSON.stringify(event)]);
    await elsewhere.end();
    expect(await firstEvent()).toEqual(written);
  });

  it("ends a subscriber's stream once their sessions are revoked: nothing more reaches them", async () => {
    const caller = await agentCaller();
    const ticket = await caller.ticket.create({ subject: "Revoked", requester_email: "c@example.test" });
    const controller = new AbortController();
    aborts.push(controller);
    const { viewer, caller: viewerCaller } = await listener(controller);
    const stream = (await viewerCaller.message.onCreated({ ticket_id: ticket.id }))[Symbol.asyncIterator]();
    const first = stream.next();
    await new Promise((resolve) => setTimeout(resolve, 300));
    await getDb().user.update({ where: { id: viewer.id }, data: { sessionVersion: { increment: 1 } } });
    await caller.message.create({ ticket_id: ticket.id, type: "note", content: "<p>internal</p>" });
    expect(await first).toEqual({ done: true, value: undefined });
  });
});
