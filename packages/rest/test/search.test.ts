// CONTRACT section 13: GET /search and its tRPC twin search.query, full-text over subjects, requesters and messages.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call, useApi } from "./support/api.ts";
import { createMessage, createTicket, expectValidation, marker, setStatusInDb } from "./support/fixtures.ts";
import { startTrpc, trpcBatch, type TestTrpc } from "./support/trpc.ts";

const { api, users: [agent, viewer] } = useApi({ roles: ["agent", "viewer"] });
let trpc: TestTrpc;
beforeAll(async () => {
  trpc = await startTrpc();
});
afterAll(() => trpc?.close());

const search = (query: string, token = viewer.token) => call(api, "GET", `/search?${query}`, { token });
const ticketIds = (response: { body: { data: { ticket: { id: string } }[] } }) => response.body.data.map((hit) => hit.ticket.id);
const note = (ticketId: string, text: string, type = "note") =>
  createMessage(api, agent.token, { ticket_id: ticketId, type, content: "<p>body</p>", text_content: text, send_email: false });

describe("GET /search", () => {
  it("ranks a ticket whose subject matches above one that only a message matches, though that one is newer", async () => {
    const word = marker();
    const bySubject = await createTicket(api, agent.token, { subject: `Printer ${word} jammed` });
    const byBody = await createTicket(api, agent.token);
    await note(byBody.id, `The printer shows ${word} on its panel`);
    const response = await search(`q=${word}`);
    expect(response.status).toBe(200);
    expect(ticketIds(response)).toEqual([bySubject.id, byBody.id]);
    expect(response.body.data[0].ticket).toEqual(bySubject);
    expect(response.body.data[0].matches).toEqual([]);
    expect(response.body.pagination).toEqual({ page: 1, limit: 50, total: 2, totalPages: 1, hasMore: false });
  });

  it("finds the requester's email and name", async () => {
    const word = marker();
    const byEmail = await createTicket(api, agent.token, { requester_email: `${word}@example.test` });
    const byName = await createTicket(api, agent.token, { requester_name: `Dana ${word}x` });
    expect(ticketIds(await search(`q=${word}`))).toEqual([byEmail.id]);
    expect(ticketIds(await search(`q=${word}@example.test`))).toEqual([byEmail.id]);
    expect(ticketIds(await search(`q=${word}x`))).toEqual([byName.id]);
  });

  it("answers each matching message with a snippet that marks the matched words, stemmed", async () => {
    const word = marker();
    const ticket = await createTicket(api, agent.token);
    const other = await note(ticket.id, "Nothing to see here");
    const match = await note(ticket.id, `Hello, the reset link ${word} expired before I could use it.`, "response");
    const response = await search(`q=${encodeURIComponent(`reset links ${word}`)}`);
    expect(ticketIds(response)).toEqual([ticket.id]);
    expect(response.body.data[0].matches).toEqual([
      { messageId: match.id, snippet: `Hello, the <mark>reset</mark> <mark>link</mark> <mark>${word}</mark> expired before I could use it.` },
    ]);
    expect(response.body.data[0].matches.map((m: { messageId: string }) => m.messageId)).not.toContain(other.id);
  });

  it("escapes everything in a snippet but the marks: a message holding <script> comes back as text", async () => {
    const word = marker();
    const ticket = await createTicket(api, agent.token);
    await note(ticket.id, `<script>alert("x")</script> & <b>${word}</b> 'quoted'`);
    const [hit] = (await search(`q=${word}`)).body.data;
    const snippet: string = hit.matches[0].snippet;
    expect(snippet).toBe(`&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;b&gt;<mark>${word}</mark>&lt;/b&gt; &#39;quoted&#39;`);
    expect(snippet.replace(/<\/?mark>/g, "")).not.toMatch(/[<>"']/);
  });

  it("includes internal notes and filters by status", async () => {
    const word = marker();
    const pending = await createTicket(api, agent.token);
    const open = await createTicket(api, agent.token);
    await note(pending.id, `note ${word}`);
    await note(open.id, `another note ${word}`);
    await setStatusInDb(pending.id, "pending");
    await setStatusInDb(open.id, "open");
    expect(ticketIds(await search(`q=${word}`)).sort()).toEqual([pending.id, open.id].sort());
    expect(ticketIds(await search(`q=${word}&status=pending`))).toEqual([pending.id]);
    expect(ticketIds(await search(`q=${word}&status=resolved`))).toEqual([]);
    expectValidation(await search(`q=${word}&status=later`), "status");
  });

  it("pages through the results; a page past the end is empty with the total", async () => {
    const word = marker();
    for (let index = 0; index < 3; index++) await createTicket(api, agent.token, { subject: `Issue ${word} ${index}` });
    const first = await search(`q=${word}&limit=2`);
    const second = await search(`q=${word}&limit=2&page=2`);
    expect(first.body.pagination).toEqual({ page: 1, limit: 2, total: 3, totalPages: 2, hasMore: true });
    expect(second.body.pagination).toEqual({ page: 2, limit: 2, total: 3, totalPages: 2, hasMore: false });
    expect(new Set([...ticketIds(first), ...ticketIds(second)]).size).toBe(3);
    const past = await search(`q=${word}&limit=2&page=9`);
    expect(past.body).toEqual({ data: [], pagination: { page: 9, limit: 2, total: 3, totalPages: 2, hasMore: false } });
  });

  it("422 at q when q is empty, blank or missing; stop words alone find nothing", async () => {
    expectValidation(await search("q="), "q");
    expectValidation(await search("q=%20%20"), "q");
    expectValidation(await search("status=open"), "q", "REQUIRED");
    const stopWords = await search("q=the");
    expect(stopWords.status).toBe(200);
    expect(stopWords.body.pagination.total).toBe(0);
  });

  it("reads any query text without failing", async () => {
    for (const q of ["&|!:*()<>", "'", '"unclosed', "-", "a:*", "\\"]) {
      const response = await search(`q=${encodeURIComponent(q)}`);
      expect(response.status, q).toBe(200);
    }
  });

  it("needs a session", async () => {
    expect((await call(api, "GET", "/search?q=x")).status).toBe(401);
  });
});

describe("tRPC search.query", () => {
  it("answers what GET /search answers, for a viewer", async () => {
    const word = marker();
    const ticket = await createTicket(api, agent.token, { subject: `Billing ${word}` });
    await note(ticket.id, `invoice ${word}`);
    const rest = await search(`q=${word}`);
    const answer = await trpcBatch(trpc, "query", [{ path: "search.query", input: { q: word } }], { token: viewer.token });
    expect(answer.results[0]).toEqual({ data: rest.body });
    expect(rest.body.data[0].matches).toHaveLength(1);
  });

  it("fails with VALIDATION_ERROR on an empty q", async () => {
    const answer = await trpcBatch(trpc, "query", [{ path: "search.query", input: { q: "" } }], { token: viewer.token });
    expect(answer.results[0]).toMatchObject({ error: { appCode: "VALIDATION_ERROR" } });
  });
});
