// CONTRACT section 8: the REST adapter calls the same procedures as the console, so both give the same JSON.
import { createCaller } from "@helpdesk/api";
import { getDb } from "@helpdesk/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call, signInAs, useApi } from "./support/api.ts";
import { createTicket, postMessage } from "./support/fixtures.ts";
import { startTrpc, type TestTrpc } from "./support/trpc.ts";

const { api } = useApi();
let trpc: TestTrpc;
beforeAll(async () => {
  trpc = await startTrpc();
});
afterAll(() => trpc?.close());

async function callerFor(user: { id: string; email: string; name: string; role: "viewer" | "agent" | "admin" }) {
  const row = await getDb().user.findUniqueOrThrow({ where: { id: user.id } });
  return createCaller({
    db: getDb(),
    user: { id: row.id, email: row.email, name: row.name, role: row.role, sessionVersion: row.sessionVersion },
    headers: new Headers(),
    source: "console",
  });
}

/** What a JSON client receives: strings for dates, no undefined. */
const asJson = (value: unknown) => JSON.parse(JSON.stringify(value));

describe("REST and tRPC give identical Message JSON", () => {
  it("for a message created over REST and read through both", async () => {
    const agent = await signInAs(api, "agent");
    const caller = await callerFor(agent.user);
    const ticket = await createTicket(api, agent.token);
    const created = await postMessage(api, agent.token, {
      ticket_id: ticket.id,
      type: "response",
      content: "<p>Parity <a href='https://example.com'>link</a></p>",
      ccs: [{ email: "cc@example.test", name: "CC" }],
    });
    expect(created.status).toBe(201);
    const viaTrpc = await caller.message.byId({ message_id: created.body.id });
    expect(viaTrpc).toEqual(asJson(viaTrpc)); // plain JSON values already: no Date objects
    expect(created.body).toEqual(viaTrpc);
    const rest = await call(api, "GET", `/messages/${created.body.id}`, { token: agent.token });
    expect(rest.body).toEqual(viaTrpc);
  });

  it("for a message created through tRPC and read over REST, list included", async () => {
    const agent = await signInAs(api, "agent");
    const caller = await callerFor(agent.user);
    const ticket = await createTicket(api, agent.token);
    const viaTrpc = await caller.message.create({ ticket_id: ticket.id, type: "note", content: "<p>From the console</p>" });
    const rest = await call(api, "GET", `/messages/${viaTrpc.id}`, { token: agent.token });
    expect(rest.status).toBe(200);
    expect(rest.body).toEqual(viaTrpc);
    const restList = await call(api, "GET", `/messages?ticket_id=${ticket.id}`, { token: agent.token });
    const trpcList = await caller.message.list({ ticket_id: ticket.id });
    expect(restList.body).toEqual(trpcList);
  });

  it("for tickets too", async () => {
    const agent = await signInAs(api, "agent");
    const caller = await callerFor(agent.user);
    const ticket = await createTicket(api, agent.token, { tags: ["x"] });
    expect(await caller.ticket.byId({ ticket_id: ticket.id })).toEqual(ticket);
  });
});

describe("over the wire, the console's tRPC answer is the REST body", () => {
  /** The raw text of one call, as the console's link receives it when not batched. */
  async function trpcText(token: string, path: string, input: unknown) {
    const response = await fetch(`${trpc.baseUrl}/${path}?input=${encodeURIComponent(JSON.stringify(input))}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(response.status).toBe(200);
    return response.text();
  }

  async function restText(token: string, path: string) {
    const response = await fetch(`${api.baseUrl}${path}`, { headers: { authorization: `Bearer ${token}` } });
    expect(response.status).toBe(200);
    return response.text();
  }

  it("byte for byte: plain JSON with ISO dates, no transformer's wrapping", async () => {
    const agent = await signInAs(api, "agent");
    const ticket = await createTicket(api, agent.token);
    await postMessage(api, agent.token, { ticket_id: ticket.id, type: "note", content: "<p>On the wire</p>" });
    const query = { ticket_id: ticket.id, page: 1, limit: 50, sort_order: "asc" };
    const rest = await restText(agent.token, `/messages?${new URLSearchParams({ ...query, page: "1", limit: "50" })}`);
    expect(await trpcText(agent.token, "message.list", query)).toBe(`{"result":{"data":${rest}}}`);
    const restTicket = await restText(agent.token, `/tickets/${ticket.id}`);
    expect(await trpcText(agent.token, "ticket.byId", { ticket_id: ticket.id })).toBe(`{"result":{"data":${restTicket}}}`);
  });
});
