// Issue 9 (CONTRACT §7, §10): the automations on pg-boss across two instances, auto-close racing new messages, and
// the outbox's job written in the message's own transaction. A database of this file's own: auto-closing after
// 0 hours closes every resolved ticket in reach, which must not be other files'.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { getDb, newId } from "@helpdesk/db";
import { createTestDatabase, type TestDatabase } from "@helpdesk/db/testing";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { closeStaleResolvedTickets, LocalDiskStorage, startBackgroundWork, stopJobSender, type BackgroundWork } from "../src/index.ts";
import { HEARTBEAT_SECONDS } from "../src/jobs/queues.ts";
import { beginAttempt, queueEmail, recordOutcome } from "../src/mail/outbox.ts";
import { createMessage } from "../src/services/messages/index.ts";

let database: TestDatabase;
let storage: LocalDiskStorage;
let agentId: string;

beforeAll(async () => {
  database = await createTestDatabase("jobs");
  // Before the first getDb(): the client, the job sender and the workers all use this file's database.
  process.env.DATABASE_URL = database.url;
  storage = new LocalDiskStorage(await mkdtemp(path.join(tmpdir(), "helpdesk-jobs-")));
  agentId = newId("usr");
  await getDb().user.create({ data: { id: agentId, email: `${agentId}@example.test`, name: "Agent", role: "agent", passwordHash: "x" } });
});

afterAll(async () => {
  await stopJobSender();
  await getDb().$disconnect();
  await database?.stop();
  await rm(storage.dir, { recursive: true, force: true });
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function resolvedTicket(minutesAgo: number) {
  const id = newId("tkt");
  await getDb().ticket.create({ data: { id, subject: "Printer on fire", status: "resolved", requesterEmail: "r@example.test", resolvedAt: new Date() } });
  await getDb().$executeRaw`UPDATE "Ticket" SET "updatedAt" = now() - make_interval(mins => ${minutesAgo}::int) WHERE id = ${id}`;
  return id;
}
const statuses = async (ids: string[]) => (await getDb().ticket.findMany({ where: { id: { in: ids } }, select: { status: true } })).map((row) => row.status);
const audits = (ids: string[]) => getDb().auditEvent.count({ where: { action: "ticket.auto_closed", subjectId: { in: ids } } });

function start(autoCloseAfterHours: number): Promise<BackgroundWork> {
  return startBackgroundWork(getDb(), { databaseUrl: database.url, mail: null, automations: { autoCloseAfterHours, intervalSeconds: 0.5 }, storage });
}

describe("the automations on two instances", () => {
  it("close every stale resolved ticket once (one audit each), pass after pass, delete expired uploads, and stop", async () => {
    vi.spyOn(console, "log").mockImplementation(() => {});
    const first = await Promise.all(Array.from({ length: 30 }, () => resolvedTicket(5)));
    const upload = { id: newId("att"), tokenHash: newId("att"), uploaderId: agentId, storageKey: newId("att"), name: "a.txt", size: 1, contentType: "text/plain" };
    await storage.put(upload.storageKey, Readable.from([Buffer.from("x")]));
    await getDb().attachment.create({ data: { ...upload, expiresAt: new Date(Date.now() - 60_000) } });

    const instances = await Promise.all([start(0), start(0)]);
    try {
      await vi.waitFor(async () => expect(await statuses(first)).toEqual(first.map(() => "closed")), { timeout: 15_000, interval: 100 });
      // A later pass, on whichever instance, picks up what became stale since.
      const later = await resolvedTicket(0);
      await vi.waitFor(async () => expect(await statuses([later])).toEqual(["closed"]), { timeout: 15_000, interval: 100 });
      expect(await audits([...first, later])).toBe(first.length + 1);
      expect(await getDb().attachment.count({ where: { id: upload.id } })).toBe(0);
      await expect(storage.get(upload.storageKey)).rejects.toThrow();
      // One pass at a time across both instances: never two passes running at once.
      const running = await getDb().$queryRaw<{ count: number }[]>`SELECT count(*)::int AS count FROM pgboss.job WHERE name = 'automations-run' AND state = 'active'`;
      expect(running[0]!.count).toBeLessThanOrEqual(1);
    } finally {
      await Promise.all(instances.map((instance) => instance.stop()));
    }
    const afterStop = await resolvedTicket(10);
    await sleep(1500);
    expect(await statuses([afterStop])).toEqual(["resolved"]);
  });

  it("put the chain of passes back when a pass could not queue the next one (the database gone at that moment)", async () => {
    const instance = await start(0);
    try {
      const first = await resolvedTicket(0);
      await vi.waitFor(async () => expect(await statuses([first])).toEqual(["closed"]), { timeout: 15_000, interval: 200 });
      // The chain is broken: no pass waits any more, as when the running pass's send failed.
      await getDb().$executeRaw`DELETE FROM pgboss.job WHERE name = 'automations-run' AND state IN ('created', 'retry')`;
      await sleep(1000);
      const later = await resolvedTicket(0);
      await vi.waitFor(async () => expect(await statuses([later])).toEqual(["closed"]), { timeout: 15_000, interval: 200 });
    } finally {
      await instance.stop();
    }
  });

  it("takes fractional hours: after 0.5 h, a ticket untouched for an hour closes and one touched 10 minutes ago does not", async () => {
    const [stale, fresh] = [await resolvedTicket(60), await resolvedTicket(10)];
    const instance = await start(0.5);
    try {
      await vi.waitFor(async () => expect(await statuses([stale])).toEqual(["closed"]), { timeout: 15_000, interval: 100 });
      await sleep(1000);
      expect(await statuses([fresh])).toEqual(["resolved"]);
    } finally {
      await instance.stop();
    }
  });
});

describe("auto-close racing new messages", () => {
  it("never lets a message land on a ticket after its closedAt, and loses no acknowledged message", async () => {
    const acknowledged: { id: string; ticketId: string }[] = [];
    const tickets: string[] = [];
    for (let round = 0; round < 40; round++) {
      const id = await resolvedTicket(5);
      tickets.push(id);
      const writers = Array.from({ length: 4 }, async (_, index) => {
        await sleep(index * 2);
        const message = await createMessage(getDb(), { ticket_id: id, type: "note", content: `<p>${round}.${index}</p>` } as never, { authorId: agentId, source: "api" })
          .catch((error: unknown) => {
            expect((error as { code?: string }).code).toBe("TICKET_CLOSED");
            return null;
          });
        if (message) acknowledged.push({ id: message.id, ticketId: id });
      });
      await Promise.all([closeStaleResolvedTickets(getDb(), { olderThanHours: 0 }), ...writers]);
    }
    const late = await getDb().$queryRaw<{ id: string }[]>`
      SELECT m.id FROM "Message" m JOIN "Ticket" t ON t.id = m."ticketId"
      WHERE t.id = ANY(${tickets}) AND t."closedAt" IS NOT NULL AND m."createdAt" > t."closedAt"`;
    expect(late).toEqual([]);
    const stored = await getDb().message.findMany({ where: { ticketId: { in: tickets } }, select: { id: true } });
    expect(stored.map((row) => row.id).sort()).toEqual(acknowledged.map((message) => message.id).sort());
    // Both sides won sometimes, so the race was real.
    expect(acknowledged.length).toBeGreaterThan(0);
    expect((await statuses(tickets)).filter((status) => status === "closed").length).toBeGreaterThan(0);
  });
});

describe("an outgoing email's job", () => {
  const jobsFor = (emailId: string) =>
    getDb().$queryRaw<{ count: number }[]>`SELECT count(*)::int AS count FROM pgboss.job WHERE name = 'mail-deliver' AND data->>'emailId' = ${emailId}`;

  it("is written in the same transaction as the row: committed with it, rolled back with it", async () => {
    const ticketId = await resolvedTicket(0);
    const message = await createMessage(getDb(), { ticket_id: ticketId, type: "note", content: "<p>x</p>" } as never, { authorId: agentId, source: "api" });
    const email = { messageId: message.id, ticketId, to: [{ email: "r@example.test", name: null }], cc: [], subject: "Re: x" };

    await expect(
      getDb().$transaction(async (tx) => {
        await queueEmail(tx, email);
        throw new Error("rolled back");
      }),
    ).rejects.toThrow("rolled back");
    expect(await getDb().outgoingEmail.count({ where: { messageId: message.id } })).toBe(0);
    expect(await getDb().$queryRaw`SELECT 1 FROM pgboss.job WHERE name = 'mail-deliver'`).toEqual([]);

    await getDb().$transaction((tx) => queueEmail(tx, email));
    const [row] = await getDb().outgoingEmail.findMany({ where: { messageId: message.id } });
    expect(await jobsFor(row!.id)).toEqual([{ count: 1 }]);
  });

  it("carries the queue's heartbeat, which a starting instance also gives a queue made before it existed", async () => {
    // As a database from before the heartbeat: createQueue leaves an existing queue as it is.
    await getDb().$executeRaw`UPDATE pgboss.queue SET heartbeat_seconds = NULL WHERE name = 'mail-deliver'`;
    await stopJobSender();
    const work = await startBackgroundWork(getDb(), { databaseUrl: database.url, mail: null, automations: null, storage });
    await work.stop();
    const ticketId = await resolvedTicket(0);
    const message = await createMessage(getDb(), { ticket_id: ticketId, type: "note", content: "<p>x</p>" } as never, { authorId: agentId, source: "api" });
    await getDb().$transaction((tx) => queueEmail(tx, { messageId: message.id, ticketId, to: [{ email: "r@example.test", name: null }], cc: [], subject: "Re: x" }));
    const [row] = await getDb().outgoingEmail.findMany({ where: { messageId: message.id } });
    const heartbeats = await getDb().$queryRaw<{ queue: number | null; job: number | null }[]>`
      SELECT q.heartbeat_seconds AS queue, j.heartbeat_seconds AS job FROM pgboss.queue q JOIN pgboss.job j ON j.name = q.name
      WHERE q.name = 'mail-deliver' AND j.data->>'emailId' = ${row!.id}`;
    expect(heartbeats).toEqual([{ queue: HEARTBEAT_SECONDS, job: HEARTBEAT_SECONDS }]);
  });
});

describe("an outgoing email's attempts", () => {
  it("a later attempt takes over a row an earlier one left `sending`; the earlier one can neither begin again nor record", async () => {
    const ticketId = await resolvedTicket(0);
    const message = await createMessage(getDb(), { ticket_id: ticketId, type: "note", content: "<p>x</p>" } as never, { authorId: agentId, source: "api" });
    await getDb().$transaction((tx) => queueEmail(tx, { messageId: message.id, ticketId, to: [{ email: "r@example.test", name: null }], cc: [], subject: "Re: x" }));
    const [{ id }] = (await getDb().outgoingEmail.findMany({ where: { messageId: message.id }, select: { id: true } })) as [{ id: string }];
    const sent = { status: "sent", at: new Date(), note: null } as const;

    // Attempt 1's worker dies (or loses its claim) mid-send; pg-boss hands the job out again as attempt 2.
    const first = await beginAttempt(getDb(), id, 1);
    const second = await beginAttempt(getDb(), id, 2);
    expect(second).toMatchObject({ id, attempts: 2 });
    // The lost attempt, still alive and late: it must not start sending, nor overwrite the outcome.
    expect(await beginAttempt(getDb(), id, 1)).toBeNull();
    expect(await recordOutcome(getDb(), first!, sent)).toBe(false);
    expect(await recordOutcome(getDb(), second!, sent)).toBe(true);
    expect(await getDb().outgoingEmail.findUnique({ where: { id }, select: { status: true, attempts: true } })).toEqual({ status: "sent", attempts: 2 });
    // Settled: a job run once more after its worker died before completing it sends nothing.
    expect(await beginAttempt(getDb(), id, 3)).toBeNull();
  });
});
