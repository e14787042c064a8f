// CONTRACT section 13: GET /tickets filtered by assignee_id (none, me, a user id) and requester_email; GET /tickets/counts.
import { randomUUID } from "node:crypto";
import { getDb } from "@helpdesk/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call, useApi } from "./support/api.ts";
import { createTicket, expectValidation, setStatusInDb } from "./support/fixtures.ts";
import { startTrpc, trpcBatch, type TestTrpc } from "./support/trpc.ts";

const { api, users: [agent, otherAgent, viewer] } = useApi({ roles: ["agent", "agent", "viewer"] });
let trpc: TestTrpc;
beforeAll(async () => {
  trpc = await startTrpc();
});
afterAll(() => trpc?.close());

const list = (query: string, token = agent.token) => call(api, "GET", `/tickets?${query}`, { token });
const ids = (response: { body: { data: { id: string }[] } }) => response.body.data.map((ticket) => ticket.id).sort();
const assign = (ticketId: string, assigneeId: string) =>
  call(api, "PATCH", `/tickets/${ticketId}`, { token: agent.token, body: { assignee_id: assigneeId } });

/** Three tickets of one new customer: unassigned, the agent's, the other agent's. */
async function customerTickets() {
  const email = `queue-${randomUUID()}@example.test`;
  const [unassigned, mine, theirs] = await Promise.all([0, 1, 2].map(() => createTicket(api, agent.token, { requester_email: email })));
  await assign(mine.id, agent.user.id);
  await assign(theirs.id, otherAgent.user.id);
  return { email, unassigned, mine, theirs };
}

describe("GET /tickets filters", () => {
  it("requester_email matches exactly, whatever the case", async () => {
    const { email, unassigned, mine, theirs } = await customerTickets();
    expect(ids(await list(`requester_email=${encodeURIComponent(email.toUpperCase())}`))).toEqual([unassigned.id, mine.id, theirs.id].sort());
    expect(ids(await list(`requester_email=${encodeURIComponent(`x${email}`)}`))).toEqual([]);
    expectValidation(await list("requester_email=not-an-email"), "requester_email");
  });

  it("assignee_id=none, me and a user id", async () => {
    const { email, unassigned, mine, theirs } = await customerTickets();
    const of = (assignee: string, token = agent.token) => list(`requester_email=${encodeURIComponent(email)}&assignee_id=${assignee}`, token);
    expect(ids(await of("none"))).toEqual([unassigned.id]);
    expect(ids(await of("me"))).toEqual([mine.id]);
    expect(ids(await of("me", otherAgent.token))).toEqual([theirs.id]);
    expect(ids(await of("me", viewer.token))).toEqual([]);
    expect(ids(await of(otherAgent.user.id))).toEqual([theirs.id]);
    expectValidation(await of("nobody"), "assignee_id");
  });

  it("status=active is the work in progress (new, open, pending), as the Unassigned and Mine counts; also for search", async () => {
    const { email, unassigned, mine, theirs } = await customerTickets();
    await setStatusInDb(mine.id, "resolved");
    await setStatusInDb(theirs.id, "pending");
    const of = (query: string) => list(`requester_email=${encodeURIComponent(email)}&${query}`);
    expect(ids(await of("status=active"))).toEqual([unassigned.id, theirs.id].sort());
    expect(ids(await of("status=active&assignee_id=me"))).toEqual([]);
    expect(ids(await of("status=resolved&assignee_id=me"))).toEqual([mine.id]);
    expectValidation(await of("status=busy"), "status");
    const found = await call(api, "GET", `/search?q=${encodeURIComponent(email)}&status=active`, { token: agent.token });
    expect(found.body.data.map((hit: { ticket: { id: string } }) => hit.ticket.id).sort()).toEqual([unassigned.id, theirs.id].sort());
  });

  it("the same filters over tRPC ticket.list", async () => {
    const { email, mine } = await customerTickets();
    const answer = await trpcBatch(trpc, "query", [{ path: "ticket.list", input: { requester_email: email, assignee_id: "me" } }], { token: agent.token });
    expect((answer.results[0] as { data: { data: { id: string }[] } }).data.data.map((ticket) => ticket.id)).toEqual([mine.id]);
  });
});

type Counts = { unassigned: number; mine: number; new: number; open: number; pending: number; resolved: number };

/** The counts as the database holds them at this moment, read the plain way. */
async function countsInDb(userId: string): Promise<Counts> {
  const db = getDb();
  const inProgress = { in: ["new", "open", "pending"] as ("new" | "open" | "pending")[] };
  const [unassigned, mine, newCount, open, pending, resolved] = await Promise.all([
    db.ticket.count({ where: { assigneeId: null, status: inProgress } }),
    db.ticket.count({ where: { assigneeId: userId, status: inProgress } }),
    ...(["new", "open", "pending", "resolved"] as const).map((status) => db.ticket.count({ where: { status } })),
  ]);
  return { unassigned, mine, new: newCount, open, pending, resolved } as Counts;
}

describe("GET /tickets/counts", () => {
  it("counts the caller's queues: mine and unassigned in progress only, every ticket per status", async () => {
    const counter = otherAgent;
    const before = (await call(api, "GET", "/tickets/counts", { token: counter.token })).body as Counts;
    const tickets = await Promise.all([0, 1, 2, 3, 4].map(() => createTicket(api, agent.token)));
    const [mineNew, mineOpen, minePending, mineResolved, unassignedOpen] = tickets;
    for (const ticket of [mineNew, mineOpen, minePending, mineResolved]) {
      await call(api, "PATCH", `/tickets/${ticket.id}`, { token: agent.token, body: { assignee_id: counter.user.id } });
    }
    await setStatusInDb(mineOpen.id, "open");
    await setStatusInDb(minePending.id, "pending");
    await setStatusInDb(mineResolved.id, "resolved");
    await setStatusInDb(unassignedOpen.id, "open");

    const low = await countsInDb(counter.user.id);
    const response = await call(api, "GET", "/tickets/counts", { token: counter.token });
    const high = await countsInDb(counter.user.id);
    expect(response.status).toBe(200);
    expect(Object.keys(response.body).sort()).toEqual(["mine", "new", "open", "pending", "resolved", "unassigned"]);
    // Other test files share the database: every count lies between two plain readings taken around the request.
    for (const key of Object.keys(low) as (keyof Counts)[]) {
      expect(response.body[key], key).toBeGreaterThanOrEqual(Math.min(low[key], high[key]));
      expect(response.body[key], key).toBeLessThanOrEqual(Math.max(low[key], high[key]));
    }
    // Nobody else assigns to this user: mine is exact (new, open, pending; not the resolved one).
    expect(response.body.mine - before.mine).toBe(3);
  });

  it("is open to viewers and the same over tRPC ticket.counts", async () => {
    const rest = await call(api, "GET", "/tickets/counts", { token: viewer.token });
    expect(rest.status).toBe(200);
    expect(rest.body.mine).toBe(0);
    const answer = await trpcBatch(trpc, "query", [{ path: "ticket.counts" }], { token: viewer.token });
    expect(answer.results[0]).toMatchObject({ data: { mine: 0, unassigned: expect.any(Number), resolved: expect.any(Number) } });
    expect((await call(api, "GET", "/tickets/counts")).status).toBe(401);
  });
});
