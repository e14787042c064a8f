// Issue 12, presence: who else is viewing a ticket and who is typing, live across server instances. This process's
// instance ("A", the router's, on the process's listener) and others made here, each with its own listener on the
// same database, stand for several servers; a raw NOTIFY stands for a server that crashed.
import { randomUUID } from "node:crypto";
import { issueSessionToken } from "@helpdesk/auth";
import { getDb, newId, type Role } from "@helpdesk/db";
import { MAX_LIVE_STREAMS_PER_USER } from "@helpdesk/validators";
import pg from "pg";
import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { processListener } from "../src/events/bus.ts";
import { PgListener } from "../src/events/pg-listener.ts";
import { createCaller, createTrpcHandler, TRPC_ENDPOINT } from "../src/index.ts";
import { PresenceInstance, presence } from "../src/presence/instance.ts";
import { watchTicket } from "../src/presence/streams.ts";
import type { Present } from "../src/presence/table.ts";
import { DEFAULT_TIMING, PRESENCE_CHANNEL, type PresenceTiming } from "../src/presence/wire.ts";

const url = process.env.DATABASE_URL as string;
const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** Another server instance: its own table and its own listener on the same database. */
async function startInstance(timing: PresenceTiming = DEFAULT_TIMING) {
  const instance = new PresenceInstance({ timing });
  const listener = new PgListener(url, [instance], `helpdesk-listener presence-test ${randomUUID()}`);
  await listener.whenConnected();
  cleanups.push(() => listener.stop());
  return instance;
}

async function createUser(role: Role, name: string) {
  const user = await getDb().user.create({
    data: { id: newId("usr"), email: `presence-${randomUUID()}@example.test`, name, role, passwordHash: "unused" },
  });
  return { ...user, sessionVersion: user.sessionVersion };
}
type User = Awaited<ReturnType<typeof createUser>>;

/** A caller on instance A whose subscriptions end when `close` is called (a tab closing) or the test ends. */
function callerOf(user: User | null) {
  const controller = new AbortController();
  cleanups.push(() => controller.abort());
  const caller = createCaller({ db: getDb(), user, headers: new Headers(), source: "console" as const }, { signal: controller.signal });
  return { caller, close: () => controller.abort() };
}

/** Reads a stream in the background, keeping every value, until it ends. */
function follow<T>(stream: AsyncIterable<T>) {
  const values: T[] = [];
  const ended = (async () => {
    for await (const value of stream) values.push(value);
  })();
  return {
    values,
    ended,
    /** The latest value, once `check` holds for it (waits up to `ms`). */
    async until(check: (value: T) => boolean, ms = 2000): Promise<T> {
      await expect.poll(() => values.length > 0 && check(values.at(-1) as T), { timeout: ms, interval: 10 }).toBe(true);
      return values.at(-1) as T;
    },
  };
}

const names = (people: Present[]) => people.map((person) => `${person.name}: ${person.state}`);

/** A tab open on a ticket page at instance A: its presence.watch stream. */
async function openTab(user: User, ticketId: string) {
  const { caller, close } = callerOf(user);
  const stream = follow(await caller.presence.watch({ ticket_id: ticketId }));
  await stream.until(() => true);
  return { ...stream, close };
}

/** The same on another instance. */
async function openTabOn(instance: PresenceInstance, user: User, ticketId: string) {
  const controller = new AbortController();
  cleanups.push(() => controller.abort());
  const stream = follow(watchTicket(instance, { db: getDb(), user }, ticketId, controller.signal));
  await stream.until(() => true);
  return { ...stream, close: () => controller.abort() };
}

let sam: User;
let ada: User;
let vic: User;
let ticketId: string;
beforeAll(async () => {
  await processListener()?.whenConnected();
  [sam, ada, vic] = await Promise.all([createUser("agent", "Sam Agent"), createUser("admin", "Ada Admin"), createUser("viewer", "Vic Viewer")]);
});
beforeEach(async () => {
  const ticket = await callerOf(sam).caller.ticket.create({ subject: "Presence", requester_email: "c@example.test" });
  ticketId = ticket.id;
});

describe("presence.watch", () => {
  it("shows the others on the ticket at once and when they come and go, across instances; never the watcher", async () => {
    const other = await startInstance();
    const samTab = await openTab(sam, ticketId);
    expect(samTab.values).toEqual([[]]);

    const adaTab = await openTabOn(other, ada, ticketId);
    expect(names(await samTab.until((people) => people.length === 1))).toEqual(["Ada Admin: viewing"]);
    expect(names(await adaTab.until((people) => people.length === 1))).toEqual(["Sam Agent: viewing"]);

    // A viewer may view too, and is seen.
    const vicTab = await openTab(vic, ticketId);
    expect(names(await samTab.until((people) => people.length === 2))).toEqual(["Ada Admin: viewing", "Vic Viewer: viewing"]);
    expect(names(vicTab.values.at(-1) ?? [])).toEqual(["Ada Admin: viewing", "Sam Agent: viewing"]);

    const closedAt = Date.now();
    adaTab.close();
    expect(names(await samTab.until((people) => people.length === 1))).toEqual(["Vic Viewer: viewing"]);
    console.log(`a closed tab left the other instance's view after ${Date.now() - closedAt} ms`);
    await adaTab.ended;
  });

  it("counts one user's two tabs once, and keeps them until the last one closes", async () => {
    const other = await startInstance();
    const samTab = await openTab(sam, ticketId);
    const adaHere = await openTab(ada, ticketId);
    const adaThere = await openTabOn(other, ada, ticketId);
    await samTab.until((people) => people.length === 1);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(samTab.values.at(-1)).toEqual([{ userId: ada.id, name: "Ada Admin", state: "viewing" }]);

    adaHere.close();
    await adaHere.ended;
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(names(samTab.values.at(-1) ?? [])).toEqual(["Ada Admin: viewing"]);

    adaThere.close();
    await samTab.until((people) => people.length === 0);
  });

  it("refuses an unknown ticket and a caller without a session", async () => {
    const unknown = follow(await callerOf(sam).caller.presence.watch({ ticket_id: "tkt_01kbd0000000000000000000000" }));
    await expect(unknown.ended).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(callerOf(null).caller.presence.watch({ ticket_id: ticketId })).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    await expect(callerOf(null).caller.presence.inbox()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });

  it("ends the stream, and the presence, once the watcher's sessions are revoked", async () => {
    const samTab = await openTab(sam, ticketId);
    const revoked = await createUser("agent", "Rex Revoked");
    const revokedTab = await openTab(revoked, ticketId);
    await samTab.until((people) => people.length === 1);
    await getDb().user.update({ where: { id: revoked.id }, data: { sessionVersion: { increment: 1 } } });
    await samTab.until((people) => people.length === 0, DEFAULT_TIMING.heartbeatMs + 2000);
    await revokedTab.ended;
  });

  it("forgets a crashed instance's connections after ~15 s without a heartbeat, and typing after ~8 s", async () => {
    const samTab = await openTab(sam, ticketId);
    // What a server sends before it dies: a join and a typing mark, and then nothing, not even a leave.
    const crashed = new pg.Client({ connectionString: url });
    await crashed.connect();
    const here = { op: "here", connectionId: randomUUID(), userId: ada.id, name: "Ada Admin", ticketId };
    await crashed.query("SELECT pg_notify($1, $2), pg_notify($1, $3)", [
      PRESENCE_CHANNEL,
      JSON.stringify(here),
      JSON.stringify({ op: "typing", userId: ada.id, ticketId, state: "reply" }),
    ]);
    await crashed.end();
    const sentAt = Date.now();
    expect(names(await samTab.until((people) => people.length === 1))).toEqual(["Ada Admin: typing_reply"]);
    await samTab.until((people) => people[0]?.state === "viewing", 12_000);
    const typingGone = Date.now() - sentAt;
    await samTab.until((people) => people.length === 0, 12_000);
    const connectionGone = Date.now() - sentAt;
    console.log(`typing cleared after ${typingGone} ms, the connection after ${connectionGone} ms`);
    expect(typingGone).toBeGreaterThanOrEqual(DEFAULT_TIMING.typingForMs - 100);
    expect(typingGone).toBeLessThan(DEFAULT_TIMING.typingForMs + 1500);
    expect(connectionGone).toBeGreaterThanOrEqual(DEFAULT_TIMING.expireAfterMs - 100);
    expect(connectionGone).toBeLessThan(DEFAULT_TIMING.expireAfterMs + 1500);
  }, 30_000);

  it("keeps a connection while its heartbeats come, and a new instance learns who is here at once (sync)", async () => {
    // A server that beats every 2 s while the table of a third one expires after 3 s: without the beats Ada would go.
    const beating = await startInstance({ heartbeatMs: 2000, expireAfterMs: 15_000, typingForMs: 8000 });
    const strict = await startInstance({ heartbeatMs: 5000, expireAfterMs: 3000, typingForMs: 8000 });
    await openTabOn(beating, ada, ticketId);
    await expect.poll(() => names(strict.peopleOn(ticketId, sam.id)), { timeout: 1000, interval: 10 }).toEqual(["Ada Admin: viewing"]);
    await new Promise((resolve) => setTimeout(resolve, 5000));
    expect(names(strict.peopleOn(ticketId, sam.id))).toEqual(["Ada Admin: viewing"]);

    // An instance started now hears nothing of Ada's tab until it asks; the next beat would be up to 2 s away.
    const quiet = await startInstance({ heartbeatMs: 60_000, expireAfterMs: 120_000, typingForMs: 8000 });
    await openTabOn(quiet, vic, ticketId);
    const started = Date.now();
    const late = await startInstance();
    await expect.poll(() => names(late.peopleOn(ticketId, sam.id)), { timeout: 500, interval: 10 }).toEqual(["Ada Admin: viewing", "Vic Viewer: viewing"]);
    console.log(`a new instance knew who was here after ${Date.now() - started} ms`);
  }, 15_000);
});

describe("presence.typing", () => {
  it("shows an agent typing a reply or a note, the strongest state of one user, and clears it with null", async () => {
    const samTab = await openTab(sam, ticketId);
    const ada1 = await openTab(ada, ticketId);
    await openTab(ada, ticketId);
    await samTab.until((people) => people.length === 1);
    const { caller } = callerOf(ada);
    await caller.presence.typing({ ticket_id: ticketId, state: "reply" });
    expect(await samTab.until((people) => people[0]?.state !== "viewing")).toEqual([{ userId: ada.id, name: "Ada Admin", state: "typing_reply" }]);
    await caller.presence.typing({ ticket_id: ticketId, state: "note" });
    expect(names(await samTab.until((people) => people[0]?.state === "typing_note"))).toEqual(["Ada Admin: typing_note"]);
    await caller.presence.typing({ ticket_id: ticketId, state: null });
    await samTab.until((people) => people[0]?.state === "viewing");
    // Ada's own stream never shows herself.
    expect(ada1.values.flat().map((person) => person.userId)).not.toContain(ada.id);
  });

  it("takes the typing mark away with the typist's last tab", async () => {
    const samTab = await openTab(sam, ticketId);
    const adaTab = await openTab(ada, ticketId);
    await callerOf(ada).caller.presence.typing({ ticket_id: ticketId, state: "reply" });
    await samTab.until((people) => people[0]?.state === "typing_reply");
    adaTab.close();
    await samTab.until((people) => people.length === 0);
    // Coming back within the mark's 8 s shows Ada viewing, not still typing.
    await openTab(ada, ticketId);
    expect(names(await samTab.until((people) => people.length === 1))).toEqual(["Ada Admin: viewing"]);
  });

  it("is for agents and admins on tickets that exist", async () => {
    await expect(callerOf(vic).caller.presence.typing({ ticket_id: ticketId, state: "reply" })).rejects.toMatchObject({ cause: { code: "FORBIDDEN" } });
    await expect(callerOf(sam).caller.presence.typing({ ticket_id: "tkt_01kbd0000000000000000000000", state: "note" })).rejects.toMatchObject({
      cause: { code: "NOT_FOUND" },
    });
    await expect(callerOf(sam).caller.presence.typing({ ticket_id: ticketId, state: "draft" as "note" })).rejects.toMatchObject({
      cause: { code: "VALIDATION_ERROR" },
    });
  });
});

describe("presence.inbox", () => {
  it("maps every ticket someone else has open to who is there, live", async () => {
    const { caller } = callerOf(vic);
    const inbox = follow(await caller.presence.inbox());
    const second = (await callerOf(sam).caller.ticket.create({ subject: "Second", requester_email: "c@example.test" })).id;
    const vicTab = await openTab(vic, ticketId);
    const samTab = await openTab(sam, second);
    await callerOf(sam).caller.presence.typing({ ticket_id: second, state: "note" });
    const seen = await inbox.until((map) => map[second]?.[0]?.state === "typing_note");
    expect(seen[second]).toEqual([{ userId: sam.id, name: "Sam Agent", state: "typing_note" }]);
    // The subscriber's own tab is not news to them.
    expect(seen[ticketId]).toBeUndefined();
    samTab.close();
    await inbox.until((map) => map[second] === undefined);
    vicTab.close();
  });
});

describe("the live-stream cap", () => {
  const handle = createTrpcHandler({ db: getDb, requestsPerMinute: 10_000 });

  async function open(token: string, path: string, input?: unknown) {
    const controller = new AbortController();
    cleanups.push(() => controller.abort());
    const query = input === undefined ? "" : `?input=${encodeURIComponent(JSON.stringify(input))}`;
    const request = new Request(`http://127.0.0.1${TRPC_ENDPOINT}/${path}${query}`, {
      headers: { authorization: `Bearer ${token}`, accept: "text/event-stream" },
      signal: controller.signal,
    });
    const response = await handle(request);
    return { response, close: () => controller.abort() };
  }

  it(`counts presence streams among the ${MAX_LIVE_STREAMS_PER_USER} a user may hold open`, async () => {
    const { token } = await issueSessionToken({ userId: sam.id, sessionVersion: sam.sessionVersion });
    const changes = await Promise.all(Array.from({ length: MAX_LIVE_STREAMS_PER_USER - 2 }, () => open(token, "ticket.onChanged")));
    const watch = await open(token, "presence.watch", { ticket_id: ticketId });
    const inbox = await open(token, "presence.inbox");
    expect([...changes, watch, inbox].map(({ response }) => response.status)).toEqual(Array(MAX_LIVE_STREAMS_PER_USER).fill(200));

    const refused = await open(token, "presence.watch", { ticket_id: ticketId });
    expect(refused.response.status).toBe(429);
    expect(await refused.response.text()).toContain("RATE_LIMIT_EXCEEDED");

    // The watch over HTTP counts Sam as viewing; closing it frees its slot and takes Sam away.
    await expect.poll(() => names(presence.peopleOn(ticketId, ada.id)), { timeout: 2000, interval: 10 }).toEqual(["Sam Agent: viewing"]);
    watch.close();
    await watch.response.body?.cancel().catch(() => undefined);
    await expect.poll(() => presence.peopleOn(ticketId, ada.id), { timeout: 2000, interval: 10 }).toEqual([]);
    const again = await open(token, "presence.inbox");
    expect(again.response.status).toBe(200);
  });
});
