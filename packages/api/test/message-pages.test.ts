// GET /messages pages (CONTRACT §6): read from the nearer end of the conversation, a page must hold exactly the rows
// that counting from the start would give, in every order, page size and partial last page, ties in createdAt included.
import { getDb, newId } from "@helpdesk/db";
import { createTestDatabase, type TestDatabase } from "@helpdesk/db/testing";
import { afterAll, beforeAll, expect, it } from "vitest";
import { listMessages } from "../src/services/messages/index.ts";

let database: TestDatabase;
const ticketId = newId("tkt");
const COUNT = 23;

beforeAll(async () => {
  database = await createTestDatabase("message_pages");
  process.env.DATABASE_URL = database.url;
  const authorId = newId("usr");
  await getDb().user.create({ data: { id: authorId, email: `${authorId}@example.test`, name: "Agent", passwordHash: "x" } });
  await getDb().ticket.create({ data: { id: ticketId, subject: "Pages", requesterEmail: "r@example.test", messageCount: COUNT } });
  // Three messages to a timestamp, so the order's tie-break by id matters on every page boundary.
  await getDb().message.createMany({
    data: Array.from({ length: COUNT }, (_, index) => ({
      id: newId("msg"), ticketId, type: "note" as const, content: `<p>${index}</p>`, textContent: String(index), authorId,
      createdAt: new Date(Date.UTC(2026, 0, 1, 0, 0, Math.floor(index / 3))),
    })),
  });
});

afterAll(async () => {
  await getDb().$disconnect();
  await database?.stop();
});

it("pages through the whole conversation exactly once, from either end, for every page size", async () => {
  for (const sortOrder of ["asc", "desc"] as const) {
    const direction = sortOrder === "asc" ? 1 : -1;
    const all = (await getDb().message.findMany({ where: { ticketId }, select: { id: true, createdAt: true } }))
      .sort((a, b) => direction * (a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : 1)))
      .map((row) => row.id);
    for (const limit of [1, 4, 5, 7, 11, 22, 23, 50]) {
      const pages = Math.ceil(COUNT / limit) + 1;
      const seen: string[] = [];
      for (let page = 1; page <= pages; page++) {
        const answer = await listMessages(getDb(), { ticket_id: ticketId, page, limit, sort_order: sortOrder });
        expect(answer.pagination, `${sortOrder} limit ${limit} page ${page}`).toMatchObject({ total: COUNT, hasMore: page * limit < COUNT });
        expect(answer.data.map((message) => message.id), `${sortOrder} limit ${limit} page ${page}`).toEqual(all.slice((page - 1) * limit, page * limit));
        seen.push(...answer.data.map((message) => message.id));
      }
      expect(seen).toEqual(all);
    }
  }
});
