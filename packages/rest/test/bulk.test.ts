// Bulk actions (issue 13 item 6): POST /tickets/bulk and tRPC ticket.bulkUpdate change several tickets in one
// transaction, listing the closed and unknown ones as refused; the whole request is refused for `closed`, an unknown
// assignee or an invalid body.
import { getDb, newId } from "@helpdesk/db";
import { ZBulkUpdateResult } from "@helpdesk/validators";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call, useApi } from "./support/api.ts";
import {
  closeTicketInDb, createTicket, expectError, expectValidation, getTicket, ISO_UTC_MS, postMessage, sleep, UNKNOWN_TICKET_ID,
} from "./support/fixtures.ts";
import { startTrpc, type TestTrpc, trpcBatch } from "./support/trpc.ts";

const { api, users: [agent, otherAgent, viewer] } = useApi({ roles: ["agent", "agent", "viewer"] });
let trpc: TestTrpc;
beforeAll(async () => {
  trpc = await startTrpc();
});
afterAll(() => trpc?.close());

const bulk = (body: unknown, token = agent.token) => call(api, "POST", "/tickets/bulk", { token, body });
const newTickets = (count: number, overrides: Record<string, unknown> = {}) =>
  Promise.all(Array.from({ length: count }, () => createTicket(api, agent.token, overrides)));
const events = async (ticketId: string) => (await call(api, "GET", `/tickets/${ticketId}/events`, { token: viewer.token })).body.data;
/** The tickets as the database holds them, to prove a refused request changed nothing. */
const rows = (ids: string[]) => getDb().ticket.findMany({ where: { id: { in: ids } }, orderBy: { id: "asc" } });

describe("POST /tickets/bulk", () => {
  it("changes every ticket it can and lists the closed and unknown ones as refused, in the order asked", async () => {
    const [first, closed, second] = await newTickets(3);
    await closeTicketInDb(closed.id);
    const closedBefore = await rows([closed.id]);
    const response = await bulk({
      ticket_ids: [second.id, closed.id, UNKNOWN_TICKET_ID, first.id],
      changes: { status: "pending", priority: "high", type: "incident", assignee_id: otherAgent.user.id },
    });
    expect(response.status).toBe(200);
    expect(ZBulkUpdateResult.parse(response.body)).toEqual(response.body);
    expect(response.body.updated.map((ticket: { id: string }) => ticket.id)).toEqual([second.id, first.id]);
    for (const ticket of response.body.updated) {
      expect(ticket).toMatchObject({ status: "pending", priority: "high", type: "incident", assigneeId: otherAgent.user.id });
      expect(await getTicket(api, agent.token, ticket.id)).toEqual(ticket);
    }
    expect(response.body.refused).toEqual([
      { ticketId: closed.id, code: "TICKET_CLOSED", message: expect.stringContaining(closed.id) },
      { ticketId: UNKNOWN_TICKET_ID, code: "NOT_FOUND", message: expect.stringContaining(UNKNOWN_TICKET_ID) },
    ]);
    expect(await rows([closed.id])).toEqual(closedBefore);
  });

  it("resolving sets resolvedAt and reopening clears it, as a single update does", async () => {
    const [ticket] = await newTickets(1);
    const resolved = await bulk({ ticket_ids: [ticket.id], changes: { status: "resolved" } });
    expect(resolved.body.updated[0]).toMatchObject({ status: "resolved", resolvedAt: expect.stringMatching(ISO_UTC_MS) });
    const reopened = await bulk({ ticket_ids: [ticket.id], changes: { status: "open" } });
    expect(reopened.body.updated[0]).toMatchObject({ status: "open", resolvedAt: null });
  });

  it("add_tags keeps each ticket's tags and adds the new ones once each, in order", async () => {
    const [plain] = await newTickets(1);
    const [tagged] = await newTickets(1, { tags: ["vip", "billing"] });
    const response = await bulk({ ticket_ids: [plain.id, tagged.id], changes: { add_tags: ["billing", "refund", "refund"] } });
    expect(response.status).toBe(200);
    expect(response.body.updated.map((ticket: { tags: string[] }) => ticket.tags)).toEqual([["billing", "refund"], ["vip", "billing", "refund"]]);
    expect(response.body.refused).toEqual([]);
  });

  it("refuses a ticket that add_tags would give more than 20 tags, and changes the others", async () => {
    const [full] = await newTickets(1, { tags: Array.from({ length: 20 }, (_, n) => `tag${n}`) });
    const [other] = await newTickets(1);
    const response = await bulk({ ticket_ids: [full.id, other.id], changes: { add_tags: ["one-more"], priority: "low" } });
    expect(response.body.updated.map((ticket: { id: string }) => ticket.id)).toEqual([other.id]);
    expect(response.body.refused).toEqual([{ ticketId: full.id, code: "VALIDATION_ERROR", message: expect.any(String) }]);
    expect((await getTicket(api, agent.token, full.id)).priority).toBe("normal");
  });

  it("assignee_id null unassigns", async () => {
    const tickets = await newTickets(2);
    await bulk({ ticket_ids: tickets.map((ticket) => ticket.id), changes: { assignee_id: agent.user.id } });
    const response = await bulk({ ticket_ids: tickets.map((ticket) => ticket.id), changes: { assignee_id: null } });
    expect(response.body.updated.map((ticket: { assigneeId: string | null }) => ticket.assigneeId)).toEqual([null, null]);
  });

  it("records each ticket's change in its activity with the caller as the actor", async () => {
    const [first, second] = await newTickets(2, { tags: ["vip"] });
    await bulk({ ticket_ids: [first.id, second.id], changes: { status: "pending", assignee_id: otherAgent.user.id, add_tags: ["bulk"] } }, otherAgent.token);
    for (const ticket of [first, second]) {
      expect(await events(ticket.id)).toEqual([
        expect.objectContaining({
          actorId: otherAgent.user.id,
          kind: "ticket.updated",
          changes: {
            status: { from: "new", to: "pending" },
            assigneeId: { from: null, to: otherAgent.user.id },
            tags: { from: ["vip"], to: ["vip", "bulk"] },
          },
        }),
      ]);
    }
  });

  it("refuses status closed, an unknown assignee and a viewer as a whole, changing nothing", async () => {
    const tickets = await newTickets(2);
    const ids = tickets.map((ticket) => ticket.id);
    const before = await rows(ids);
    expectError(await bulk({ ticket_ids: ids, changes: { status: "closed", priority: "urgent" } }), 403, "CLOSED_STATUS_SYSTEM_ONLY");
    expectError(await bulk({ ticket_ids: ids, changes: { assignee_id: newId("usr"), priority: "urgent" } }), 404, "NOT_FOUND");
    expectError(await bulk({ ticket_ids: ids, changes: { priority: "urgent" } }, viewer.token), 403, "FORBIDDEN");
    expectError(await call(api, "POST", "/tickets/bulk", { body: { ticket_ids: ids, changes: { priority: "urgent" } } }), 401, "UNAUTHORIZED");
    expect(await rows(ids)).toEqual(before);
    for (const id of ids) expect(await events(id)).toEqual([]);
  });

  it("answers 422 for no change, no ticket, too many, the same ticket twice, a malformed id or an unknown change", async () => {
    const [ticket] = await newTickets(1);
    expectValidation(await bulk({ ticket_ids: [ticket.id], changes: {} }), "changes", "REQUIRED");
    expectValidation(await bulk({ ticket_ids: [ticket.id] }), "changes", "REQUIRED");
    expectValidation(await bulk({ ticket_ids: [], changes: { priority: "low" } }), "ticket_ids", "TOO_SMALL");
    const tooMany = Array.from({ length: 101 }, () => newId("tkt"));
    expectValidation(await bulk({ ticket_ids: tooMany, changes: { priority: "low" } }), "ticket_ids", "TOO_BIG");
    expectValidation(await bulk({ ticket_ids: [ticket.id, ticket.id], changes: { priority: "low" } }), "ticket_ids", "INVALID");
    expectValidation(await bulk({ ticket_ids: ["not-a-ticket"], changes: { priority: "low" } }), "ticket_ids.0");
    expectValidation(await bulk({ ticket_ids: [ticket.id], changes: { tags: ["x"] } }), "changes.tags", "INVALID");
    expectValidation(await bulk({ ticket_ids: [ticket.id], changes: { add_tags: [] } }), "changes.add_tags", "TOO_SMALL");
    expect((await getTicket(api, agent.token, ticket.id)).priority).toBe("normal");
  });

  it("takes 100 tickets in one request", async () => {
    const tickets = await newTickets(100);
    const response = await bulk({ ticket_ids: tickets.map((ticket) => ticket.id), changes: { priority: "urgent" } });
    expect(response.status).toBe(200);
    expect(response.body.updated).toHaveLength(100);
  });
});

describe("tRPC ticket.bulkUpdate", () => {
  const bulkViaTrpc = (input: unknown, token = agent.token) => trpcBatch(trpc, "mutation", [{ path: "ticket.bulkUpdate", input }], { token });

  it("answers as the REST route does", async () => {
    const [open, closed] = await newTickets(2);
    await closeTicketInDb(closed.id);
    const answer = await bulkViaTrpc({ ticket_ids: [open.id, closed.id], changes: { priority: "low", add_tags: ["trpc"] } });
    expect(answer.results).toEqual([
      {
        data: {
          updated: [await getTicket(api, agent.token, open.id)],
          refused: [{ ticketId: closed.id, code: "TICKET_CLOSED", message: expect.any(String) }],
        },
      },
    ]);
  });

  it("refuses with the same codes", async () => {
    const [ticket] = await newTickets(1);
    const appCode = async (input: unknown, token?: string) => {
      const [result] = (await bulkViaTrpc(input, token)).results;
      return result && "error" in result ? result.error.appCode : "none";
    };
    expect(await appCode({ ticket_ids: [ticket.id], changes: { status: "closed" } })).toBe("CLOSED_STATUS_SYSTEM_ONLY");
    expect(await appCode({ ticket_ids: [ticket.id], changes: { priority: "low" } }, viewer.token)).toBe("FORBIDDEN");
    expect(await appCode({ ticket_ids: [ticket.id], changes: {} })).toBe("VALIDATION_ERROR");
    expect(await appCode({ ticket_ids: [ticket.id], changes: { assignee_id: newId("usr") } })).toBe("NOT_FOUND");
  });
});

describe("bulk changes beside other writers", () => {
  it("waits for a transaction holding one of its tickets and sees what it wrote: a ticket closed meanwhile is refused", async () => {
    const [first, held, last] = await newTickets(3);
    let release!: () => void;
    let locked!: () => void;
    const lockTaken = new Promise<void>((resolve) => (locked = resolve));
    const holder = getDb().$transaction(
      async (tx) => {
        await tx.$queryRaw`SELECT id FROM "Ticket" WHERE id = ${held.id} FOR UPDATE`;
        locked();
        await new Promise<void>((resolve) => (release = resolve));
        await tx.ticket.update({ where: { id: held.id }, data: { status: "closed", closedAt: new Date() } });
      },
      { timeout: 20_000 },
    );
    await lockTaken;
    let answered = false;
    const pending = bulk({ ticket_ids: [first.id, held.id, last.id], changes: { status: "pending" } }).finally(() => (answered = true));
    await sleep(300);
    expect(answered).toBe(false);
    release();
    await holder;
    const response = await pending;
    expect(response.status).toBe(200);
    expect(response.body.updated.map((ticket: { id: string }) => ticket.id)).toEqual([first.id, last.id]);
    expect(response.body.refused).toEqual([{ ticketId: held.id, code: "TICKET_CLOSED", message: expect.any(String) }]);
  });

  it("runs beside messages written to one of its tickets and beside bulks over the same tickets in other orders", async () => {
    const tickets = await newTickets(30);
    const ids = tickets.map((ticket) => ticket.id);
    const target = ids[15];
    const priorities = ["low", "high", "urgent", "normal"] as const;
    // Each bulk asks in its own order; locking in the order asked would deadlock two of them (a 500 here).
    const orders = [ids, [...ids].reverse(), [...ids.slice(15), ...ids.slice(0, 15)], [...ids.slice(0, 15).reverse(), ...ids.slice(15)]];
    const answers = await Promise.all([
      ...orders.map((order, n) => bulk({ ticket_ids: order, changes: { priority: priorities[n] } }, n % 2 ? otherAgent.token : agent.token)),
      ...Array.from({ length: 10 }, (_, n) => postMessage(api, agent.token, { ticket_id: target, content: `<p>beside ${n}</p>`, ticket_update: { status: "open" } })),
    ]);
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 200, ...Array(10).fill(201)]);
    const after = await rows(ids);
    // The bulks ran one after another: every ticket has the last one's priority.
    expect(new Set(after.map((row) => row.priority)).size).toBe(1);
    expect(after.find((row) => row.id === target)).toMatchObject({ status: "open", messageCount: 10 });
  });
});
