// CONTRACT section 5: message content is stored sanitized. Filter-evasion vectors in the style of the OWASP XSS
// cheat sheet go in over HTTP; the 201 answer, a later GET and the stored row must all be harmless.
import { unsafeParts, XSS_VECTORS } from "@helpdesk/api/test-support/xss";
import { getDb } from "@helpdesk/db";
import { beforeAll, describe, expect, it } from "vitest";
import { call, useApi } from "./support/api.ts";
import { createTicket, postMessage } from "./support/fixtures.ts";

const { api, users: [agent] } = useApi({ roles: ["agent"] });
let ticketId: string;
beforeAll(async () => {
  ticketId = (await createTicket(api, agent.token)).id;
});

describe("XSS vectors posted as content", () => {
  it("has a corpus of at least 30 vectors", () => {
    expect(XSS_VECTORS.length).toBeGreaterThanOrEqual(30);
  });

  it("the checker itself catches each kind of danger", () => {
    expect(unsafeParts(`<p onclick="x()">a</p>`)).toContain("event handler onclick on <p>");
    expect(unsafeParts(`<a href="jav&#x09;ascript:alert(1)">x</a>`)).toContain(`script URL href="jav\tascript:alert(1)" on <a>`);
    expect(unsafeParts(`<iframe src="https://x"></iframe>`)).toEqual(["tag <iframe>", "attribute src on <iframe>"]);
    expect(unsafeParts(`<p>safe <b>text</b></p>`)).toEqual([]);
  });

  // A vector with NUL never reaches the sanitizer over HTTP: PostgreSQL cannot store NUL, so it is a 422 (CONTRACT §4).
  const withNul = XSS_VECTORS.filter((vector) => vector.includes("\u0000"));
  it.each(withNul)("a vector with NUL is refused at content: %j", async (vector) => {
    const response = await postMessage(api, agent.token, { ticket_id: ticketId, type: "note", content: `<p>Vector:</p>${vector}` });
    expect(response.status).toBe(422);
    expect(Object.keys(response.body.error.details)).toEqual(["content"]);
  });

  const storable = XSS_VECTORS.filter((vector) => !withNul.includes(vector));
  it.each(storable.map((vector, index) => [index, vector] as const))("vector %i is neutralised: %s", async (_index, vector) => {
    const response = await postMessage(api, agent.token, { ticket_id: ticketId, type: "note", content: `<p>Vector:</p>${vector}` });
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    expect(response.body.content).toMatch(/^<p>Vector:<\/p>/);
    expect(unsafeParts(response.body.content), response.body.content).toEqual([]);
    expect(response.body.textContent).not.toMatch(/<\s*script/i);

    const read = await call(api, "GET", `/messages/${response.body.id}`, { token: agent.token });
    expect(read.status).toBe(200);
    expect(read.body.content).toBe(response.body.content);
    expect(unsafeParts(read.body.content)).toEqual([]);

    const row = await getDb().message.findUniqueOrThrow({ where: { id: response.body.id } });
    expect(row.content).toBe(response.body.content);
    expect(unsafeParts(row.content)).toEqual([]);
  });
});

describe("benign markup", () => {
  it("survives: paragraph, bold, https link, list, https image", async () => {
    const content =
      `<p>Hello <b>bold</b> and <strong>strong</strong></p><ul><li>one</li><li>two</li></ul>` +
      `<p><a href="https://example.com/docs">docs</a></p><p><img src="https://example.com/pic.png" alt="pic"></p>`;
    const response = await postMessage(api, agent.token, { ticket_id: ticketId, content });
    expect(response.status).toBe(201);
    for (const html of [response.body.content, (await call(api, "GET", `/messages/${response.body.id}`, { token: agent.token })).body.content]) {
      expect(html).toContain("<p>Hello <b>bold</b> and <strong>strong</strong></p>");
      expect(html).toContain("<ul><li>one</li><li>two</li></ul>");
      expect(html).toMatch(/<a [^>]*href="https:\/\/example\.com\/docs"[^>]*>docs<\/a>/);
      expect(html).toMatch(/<img [^>]*src="https:\/\/example\.com\/pic\.png"/);
      expect(html).toMatch(/<img [^>]*alt="pic"/);
    }
    expect(response.body.textContent).toContain("Hello bold and strong");
    expect(response.body.textContent).toMatch(/one[\s\S]*two/);
  });
});

describe("derived textContent", () => {
  it("carries no script, style or handler text", async () => {
    const content = `<p>Dear team,</p><script>stealCookies("SECRET-1")</script><style>body{background:url("SECRET-2")}</style><p onmouseover="SECRET-3()">please help</p>`;
    const response = await postMessage(api, agent.token, { ticket_id: ticketId, content });
    expect(response.status).toBe(201);
    expect(response.body.textContent).toMatch(/Dear team,\s+please help/);
    expect(response.body.textContent).not.toMatch(/SECRET|stealCookies|background/);
    expect(response.body.content).not.toMatch(/SECRET|stealCookies/);
  });

  it("applies to a ticket's first message too", async () => {
    const response = await call(api, "POST", "/tickets", {
      token: agent.token,
      body: { subject: "XSS in a new ticket", requester_email: "x@example.test", content: `<p>Hi</p><img src=x onerror=alert(1)><script>alert(2)</script>` },
    });
    expect(response.status).toBe(201);
    const list = await call(api, "GET", `/messages?ticket_id=${response.body.id}`, { token: agent.token });
    const first = list.body.data[0];
    expect(unsafeParts(first.content)).toEqual([]);
    expect(first.content).not.toContain("alert");
    expect(first.textContent).toBe("Hi");
  });
});
