// CONTRACT section 6, the reference's two read endpoints: GET /messages and GET /messages/:messageId.
import { beforeAll, describe, expect, it } from "vitest";
import { call, useApi } from "./support/api.ts";
import {
  createMessage,
  createTicket,
  expectError,
  expectValidation,
  insertMessageInDb,
  sortedIds,
  UNKNOWN_MESSAGE_ID,
  UNKNOWN_TICKET_ID,
} from "./support/fixtures.ts";

const { api, users: [agent, viewer] } = useApi({ roles: ["agent", "viewer"] });

const list = (query: string, token = viewer.token) => call(api, "GET", `/messages?${query}`, { token });

describe("GET /messages: pagination", () => {
  let ticketId: string;
  let created: { id: string; createdAt: string }[];
  beforeAll(async () => {
    ticketId = (await createTicket(api, agent.token)).id;
    created = [];
    for (let n = 1; n <= 7; n++) created.push(await createMessage(api, agent.token, { ticket_id: ticketId, content: `<p>m${n}</p>` }));
  });

  it("splits 7 messages into pages of 3, 3 and 1", async () => {
    const pages = [await list(`ticket_id=${ticketId}&limit=3`), await list(`ticket_id=${ticketId}&page=2&limit=3`), await list(`ticket_id=${ticketId}&page=3&limit=3`)];
    for (const page of pages) expect(page.status).toBe(200);
    expect(pages.map((page) => page.body.pagination)).toEqual([
      { page: 1, limit: 3, total: 7, totalPages: 3, hasMore: true },
      { page: 2, limit: 3, total: 7, totalPages: 3, hasMore: true },
      { page: 3, limit: 3, total: 7, totalPages: 3, hasMore: false },
    ]);
    expect(pages.map((page) => page.body.data.length)).toEqual([3, 3, 1]);
    const ids = pages.flatMap((page) => page.body.data.map((message: { id: string }) => message.id));
    expect(ids).toEqual(sortedIds(created));
  });

  it("returns whole Message objects equal to what the create answered", async () => {
    const all = await list(`ticket_id=${ticketId}`);
    const byId = new Map(created.map((message) => [message.id, message]));
    for (const message of all.body.data) expect(message).toEqual(byId.get(message.id));
  });

  it("defaults to page 1, limit 50, ascending", async () => {
    const response = await list(`ticket_id=${ticketId}`);
    expect(response.body.pagination).toEqual({ page: 1, limit: 50, total: 7, totalPages: 1, hasMore: false });
    expect(response.body.data.map((message: { id: string }) => message.id)).toEqual(sortedIds(created));
  });

  it("reverses the order with sort_order=desc, across pages", async () => {
    const first = await list(`ticket_id=${ticketId}&sort_order=desc&limit=4`);
    const second = await list(`ticket_id=${ticketId}&sort_order=desc&limit=4&page=2`);
    const ids = [...first.body.data, ...second.body.data].map((message: { id: string }) => message.id);
    expect(ids).toEqual(sortedIds(created).reverse());
    expect(second.body.pagination).toEqual({ page: 2, limit: 4, total: 7, totalPages: 2, hasMore: false });
  });

  it("answers a page past the end with 200, empty data and the right total", async () => {
    const response = await list(`ticket_id=${ticketId}&page=4&limit=3`);
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ data: [], pagination: { page: 4, limit: 3, total: 7, totalPages: 3, hasMore: false } });
    const far = await list(`ticket_id=${ticketId}&page=1000`);
    expect(far.status).toBe(200);
    expect(far.body.data).toEqual([]);
    expect(far.body.pagination.total).toBe(7);
  });

  it("lists only the given ticket's messages", async () => {
    const other = await createTicket(api, agent.token);
    const mine = await createMessage(api, agent.token, { ticket_id: other.id, content: "<p>other</p>" });
    const response = await list(`ticket_id=${other.id}`);
    expect(response.body.data.map((message: { id: string }) => message.id)).toEqual([mine.id]);
    expect(response.body.pagination.total).toBe(1);
  });

  it("answers an empty ticket with total 0 and totalPages 0", async () => {
    const empty = await createTicket(api, agent.token);
    const response = await list(`ticket_id=${empty.id}`);
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ data: [], pagination: { page: 1, limit: 50, total: 0, totalPages: 0, hasMore: false } });
  });
});

describe("GET /messages: order by createdAt, ties by id", () => {
  it("breaks a createdAt tie by id, in both directions", async () => {
    const ticket = await createTicket(api, agent.token);
    const at = new Date("2030-01-01T10:00:00.000Z");
    const ids = ["msg_01kzzzzzzzzzzzzzzzzzzzzzza", "msg_01kzzzzzzzzzzzzzzzzzzzzzzb"];
    const [low, high] = ids as [string, string];
    const earlier = "msg_01kzzzzzzzzzzzzzzzzzzzzzzz"; // highest id, but one second earlier
    // Insert the higher id first so that insertion order cannot pass for the tie-break.
    await insertMessageInDb(ticket.id, agent.user.id, at, high);
    await insertMessageInDb(ticket.id, agent.user.id, new Date(at.getTime() - 1000), earlier);
    await insertMessageInDb(ticket.id, agent.user.id, at, low);

    const asc = await list(`ticket_id=${ticket.id}`);
    expect(asc.body.data.map((message: { id: string }) => message.id)).toEqual([earlier, low, high]);
    expect(asc.body.data[1].createdAt).toBe("2030-01-01T10:00:00.000Z");
    const desc = await list(`ticket_id=${ticket.id}&sort_order=desc`);
    expect(desc.body.data.map((message: { id: string }) => message.id)).toEqual([high, low, earlier]);
    // The tie also holds across a page boundary.
    const page1 = await list(`ticket_id=${ticket.id}&limit=2`);
    const page2 = await list(`ticket_id=${ticket.id}&limit=2&page=2`);
    expect([...page1.body.data, ...page2.body.data].map((message: { id: string }) => message.id)).toEqual([earlier, low, high]);
    expect(page2.body.pagination).toEqual({ page: 2, limit: 2, total: 3, totalPages: 2, hasMore: false });
  });
});

describe("GET /messages: errors", () => {
  it("404 NOT_FOUND for an unknown but well-formed ticket", async () => {
    expectError(await list(`ticket_id=${UNKNOWN_TICKET_ID}`), 404, "NOT_FOUND");
  });

  it("422 for a malformed or missing ticket_id", async () => {
    expectValidation(await list("ticket_id=abc"), "ticket_id", "INVALID");
    expectValidation(await list(""), "ticket_id", "REQUIRED");
    expectValidation(await list("page=2"), "ticket_id", "REQUIRED");
  });

  it("422 for a limit outside 1..100 or not a number, a page below 1, an unknown sort_order", async () => {
    const { id } = await createTicket(api, agent.token);
    expectValidation(await list(`ticket_id=${id}&limit=0`), "limit", "TOO_SMALL");
    expectValidation(await list(`ticket_id=${id}&limit=101`), "limit", "TOO_BIG");
    expectValidation(await list(`ticket_id=${id}&limit=x`), "limit", "INVALID");
    expectValidation(await list(`ticket_id=${id}&page=0`), "page", "TOO_SMALL");
    expectValidation(await list(`ticket_id=${id}&sort_order=up`), "sort_order", "INVALID");
    // The bounds themselves are fine.
    expect((await list(`ticket_id=${id}&limit=1`)).status).toBe(200);
    expect((await list(`ticket_id=${id}&limit=100`)).body.pagination.limit).toBe(100);
  });

  it("names every bad field at once", async () => {
    const response = await list("ticket_id=abc&limit=0&page=0&sort_order=up");
    expectError(response, 422, "VALIDATION_ERROR");
    expect(Object.keys(response.body.error.details).sort()).toEqual(["limit", "page", "sort_order", "ticket_id"]);
  });

  it("401 without a session token", async () => {
    const { id } = await createTicket(api, agent.token);
    expectError(await call(api, "GET", `/messages?ticket_id=${id}`), 401, "UNAUTHORIZED");
  });
});

describe("GET /messages/:messageId", () => {
  it("returns the message to a viewer, equal to the create's answer", async () => {
    const ticket = await createTicket(api, agent.token);
    const created = await createMessage(api, agent.token, { ticket_id: ticket.id, type: "note", content: "<p>Read me</p>" });
    const response = await call(api, "GET", `/messages/${created.id}`, { token: viewer.token });
    expect(response.status).toBe(200);
    expect(response.body).toEqual(created);
    expect(response.body).toMatchObject({ id: created.id, ticketId: ticket.id, content: "<p>Read me</p>", authorId: agent.user.id });
  });

  it("404 NOT_FOUND for an unknown or malformed id", async () => {
    expectError(await call(api, "GET", `/messages/${UNKNOWN_MESSAGE_ID}`, { token: viewer.token }), 404, "NOT_FOUND");
    expectError(await call(api, "GET", "/messages/abc", { token: viewer.token }), 404, "NOT_FOUND");
    expectError(await call(api, "GET", "/messages/tkt_01jzzzzzzzzzzzzzzzzzzzzzzz", { token: viewer.token }), 404, "NOT_FOUND");
  });

  it("401 without a session token", async () => {
    expectError(await call(api, "GET", `/messages/${UNKNOWN_MESSAGE_ID}`), 401, "UNAUTHORIZED");
  });

  it("405 for a method the route does not have", async () => {
    const response = await call(api, "DELETE", `/messages/${UNKNOWN_MESSAGE_ID}`, { token: agent.token });
    expectError(response, 405, "METHOD_NOT_ALLOWED");
    expect(response.headers.get("allow")).toBe("GET, HEAD");
  });
});
