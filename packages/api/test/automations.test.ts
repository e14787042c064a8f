import { getDb, newId, type TicketStatus } from "@helpdesk/db";
import { TRPCError } from "@trpc/server";
import { afterEach, describe, expect, it, vi } from "vitest";
import { automationConfigFromEnv, closeStaleResolvedTickets, createCaller, describeError } from "../src/index.ts";

// Tickets are created directly; updatedAt is back-dated with raw SQL because Prisma's @updatedAt overrides it.
async function ticket(status: TicketStatus, hoursAgo: number) {
  const [db, id] = [getDb(), newId("tkt")];
  const resolvedAt = status === "resolved" ? new Date(Date.now() - hoursAgo * 3_600_000) : null;
  await db.ticket.create({ data: { id, subject: "Printer on fire", status, requesterEmail: "r@example.test", resolvedAt } });
  await db.$executeRaw`UPDATE "Ticket" SET "updatedAt" = now() - make_interval(hours => ${hoursAgo}::int) WHERE id = ${id}`;
  return id;
}

const statusOf = async (id: string) => (await getDb().ticket.findUniqueOrThrow({ where: { id } })).status;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
function gate() {
  let resolve!: () => void;
  return { promise: new Promise<void>((done) => (resolve = done)), resolve };
}

afterEach(() => vi.restoreAllMocks());

describe("closeStaleResolvedTickets", () => {
  it("closes resolved tickets older than the cutoff, audited as the system, and nothing else", async () => {
    const stale = [await ticket("resolved", 100), await ticket("resolved", 1000)];
    const untouched = [await ticket("resolved", 90), await ticket("open", 1000), await ticket("pending", 1000), await ticket("new", 1000)];
    const before = await getDb().ticket.findUniqueOrThrow({ where: { id: stale[0]! } });
    const now = new Date();
    const closed = await closeStaleResolvedTickets(getDb(), { olderThanHours: 96, now });

    expect([...closed].sort()).toEqual([...stale].sort());
    const after = await getDb().ticket.findUniqueOrThrow({ where: { id: stale[0]! } });
    expect(after).toMatchObject({ status: "closed", closedAt: now, resolvedAt: before.resolvedAt });
    const audits = await getDb().auditEvent.findMany({ where: { subjectId: { in: [...stale, ...untouched] } } });
    expect(audits).toHaveLength(2);
    expect(audits.find((event) => event.subjectId === stale[0])).toMatchObject({
      actorId: null,
      action: "ticket.auto_closed",
      data: { resolvedAt: before.resolvedAt!.toISOString(), updatedAt: before.updatedAt.toISOString(), olderThanHours: 96 },
    });
    for (const id of untouched) expect(await statusOf(id)).not.toBe("closed");
  });

  it("works through a backlog in batches", async () => {
    const stale = await Promise.all(Array.from({ length: 5 }, () => ticket("resolved", 200)));
    const closed = await closeStaleResolvedTickets(getDb(), { olderThanHours: 96, batchSize: 2 });
    expect([...closed].sort()).toEqual([...stale].sort());
    expect(await getDb().auditEvent.count({ where: { subjectId: { in: stale } } })).toBe(5);
  });

  it("never closes a ticket reopened while the automation runs", async () => {
    const id = await ticket("resolved", 200);
    const { promise: reopened, resolve: reopen } = gate();
    // The reopening transaction holds the row: the automation's UPDATE waits for it, then re-checks its condition.
    const agent = getDb().$transaction(async (tx) => {
      await tx.ticket.update({ where: { id }, data: { status: "open", resolvedAt: null } });
      await reopened;
    });
    const run = closeStaleResolvedTickets(getDb(), { olderThanHours: 96 });
    await sleep(300);
    reopen();
    await agent;
    expect(await run).not.toContain(id);
    expect(await statusOf(id)).toBe("open");
    expect(await getDb().auditEvent.count({ where: { subjectId: id } })).toBe(0);
  });
});

describe("automationConfigFromEnv", () => {
  it("reads the contract's variables with their defaults", () => {
    expect(automationConfigFromEnv({})).toEqual({ autoCloseAfterHours: 96, intervalSeconds: 60 });
    expect(automationConfigFromEnv({ HELPDESK_AUTO_CLOSE_AFTER_HOURS: "24", HELPDESK_AUTOMATION_INTERVAL_SECONDS: "5" }))
      .toEqual({ autoCloseAfterHours: 24, intervalSeconds: 5 });
    expect(() => automationConfigFromEnv({ HELPDESK_AUTOMATION_INTERVAL_SECONDS: "0" })).toThrow(/HELPDESK_AUTOMATION_INTERVAL_SECONDS/);
  });

  it("accepts 0 and fractional hours (CONTRACT §7), and refuses what is not a non-negative number", () => {
    expect(automationConfigFromEnv({ HELPDESK_AUTO_CLOSE_AFTER_HOURS: "0" }).autoCloseAfterHours).toBe(0);
    expect(automationConfigFromEnv({ HELPDESK_AUTO_CLOSE_AFTER_HOURS: "0.25" }).autoCloseAfterHours).toBe(0.25);
    expect(automationConfigFromEnv({ HELPDESK_AUTOMATION_INTERVAL_SECONDS: "0.5" }).intervalSeconds).toBe(0.5);
    for (const bad of ["-1", "soon", "Infinity"]) {
      expect(() => automationConfigFromEnv({ HELPDESK_AUTO_CLOSE_AFTER_HOURS: bad })).toThrow(/HELPDESK_AUTO_CLOSE_AFTER_HOURS/);
    }
  });
});

describe("an auto-closed ticket", () => {
  it("takes no more messages", async () => {
    const id = await ticket("resolved", 200);
    await closeStaleResolvedTickets(getDb(), { olderThanHours: 96 });
    const data = { id: newId("usr"), email: `agent-${newId("usr")}@example.test`, name: "Agent", role: "agent" as const };
    const user = await getDb().user.create({ data: { ...data, passwordHash: "x" } });
    const caller = createCaller({ db: getDb(), user: { ...user, sessionVersion: 0 }, headers: new Headers(), source: "api" as const });
    const error = await caller.message.create({ ticket_id: id, type: "note", content: "<p>x</p>" }).catch((caught) => caught);
    expect(error).toBeInstanceOf(TRPCError);
    expect(describeError(error).code).toBe("TICKET_CLOSED");
  });
});
