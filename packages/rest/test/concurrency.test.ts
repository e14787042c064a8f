// Many clients writing to one ticket at once: every message lands once, the list stays consistent.
import { getDb } from "@helpdesk/db";
import { describe, expect, it } from "vitest";
import { call, signInAs, useApi } from "./support/api.ts";
import { createTicket, MESSAGE_ID, postMessage, sortedIds } from "./support/fixtures.ts";

const { api } = useApi();

describe("concurrent POST /messages on one ticket", () => {
  it("50 at once all answer 201 with 50 distinct ids, and the list shows all 50", async () => {
    const agent = await signInAs(api, "agent");
    const ticket = await createTicket(api, agent.token);
    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, n) => postMessage(api, agent.token, { ticket_id: ticket.id, content: `<p>concurrent ${n}</p>` })),
    );
    const failures = answers.filter((answer) => answer.status !== 201).map((answer) => answer.body);
    expect(failures).toEqual([]);
    const ids = answers.map((answer) => answer.body.id as string);
    for (const id of ids) expect(id).toMatch(MESSAGE_ID);
    expect(new Set(ids).size).toBe(50);

    const list = await call(api, "GET", `/messages?ticket_id=${ticket.id}&limit=100`, { token: agent.token });
    expect(list.status).toBe(200);
    expect(list.body.pagination).toEqual({ page: 1, limit: 100, total: 50, totalPages: 1, hasMore: false });
    expect(new Set(list.body.data.map((message: { id: string }) => message.id))).toEqual(new Set(ids));
    // In (createdAt, id) order, and every content arrived once.
    expect(list.body.data.map((message: { id: string }) => message.id)).toEqual(sortedIds(list.body.data));
    const contents = list.body.data.map((message: { content: string }) => message.content).sort();
    expect(contents).toEqual(Array.from({ length: 50 }, (_, n) => `<p>concurrent ${n}</p>`).sort());
    expect(await getDb().message.count({ where: { ticketId: ticket.id } })).toBe(50);
  });

  it("50 concurrent responses with ticket_update queue 50 emails and leave a consistent ticket", async () => {
    const agent = await signInAs(api, "agent");
    const ticket = await createTicket(api, agent.token);
    const priorities = ["low", "normal", "high", "urgent"] as const;
    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, n) =>
        postMessage(api, agent.token, {
          ticket_id: ticket.id,
          type: "response",
          content: `<p>reply ${n}</p>`,
          ticket_update: { priority: priorities[n % 4], status: n % 2 ? "pending" : "open" },
        }),
      ),
    );
    expect(answers.filter((answer) => answer.status !== 201).map((answer) => answer.body)).toEqual([]);
    expect(await getDb().outgoingEmail.count({ where: { ticketId: ticket.id } })).toBe(50);
    const list = await call(api, "GET", `/messages?ticket_id=${ticket.id}&limit=100&sort_order=desc`, { token: agent.token });
    expect(list.body.pagination.total).toBe(50);
    const row = await getDb().ticket.findUniqueOrThrow({ where: { id: ticket.id } });
    expect(["open", "pending"]).toContain(row.status);
    expect(priorities).toContain(row.priority);
    expect(row.messageCount).toBe(50);
  });

  it("concurrent writers on different tickets do not disturb each other", async () => {
    const agents = await Promise.all([signInAs(api, "agent"), signInAs(api, "agent"), signInAs(api, "admin")]);
    const tickets = await Promise.all(agents.map((agent) => createTicket(api, agent.token)));
    await Promise.all(
      agents.flatMap((agent, a) =>
        Array.from({ length: 15 }, (_, n) => postMessage(api, agent.token, { ticket_id: (tickets[a] as { id: string }).id, content: `<p>${a}-${n}</p>` })),
      ),
    );
    for (const [a, ticket] of tickets.entries()) {
      const list = await call(api, "GET", `/messages?ticket_id=${ticket.id}&limit=100`, { token: agents[0]?.token });
      expect(list.body.pagination.total).toBe(15);
      expect(list.body.data.every((message: { authorId: string }) => message.authorId === agents[a]?.user.id)).toBe(true);
    }
  });
});
