// The front door, through the whole production server: what every request meets before any handler runs
// (issue 9 item 1, CONTRACT §4 and §10).
import { request as httpRequest } from "node:http";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { type RunningServer, startServer } from "./support/server.ts";
import { createUser, signIn } from "./support/users.ts";

let server: RunningServer;
let token: string;
const databaseUrl = inject("databaseUrl");

beforeAll(async () => {
  server = await startServer({ databaseUrl, env: { HELPDESK_MAX_UPLOAD_BYTES: "2000000" } });
  token = await signIn(server.url, (await createUser(databaseUrl, "agent")).email);
});
afterAll(() => server?.stop());

/** A raw request, so that nothing on the client side fixes up a path or a method before it is sent. */
function raw(method: string, path: string, headers: Record<string, string> = {}, body?: Buffer | string) {
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; text: string }>((resolve, reject) => {
    const req = httpRequest(`${server.url}${path}`, { method, headers, path }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (chunk) => (text += chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text }));
    });
    req.on("error", reject);
    req.end(body);
  });
}

function expectEnvelope(answer: { status: number; headers: Record<string, unknown>; text: string }, status: number, code: string) {
  expect(answer.status, answer.text).toBe(status);
  expect(answer.headers["content-type"]).toMatch(/^application\/json/);
  expect(answer.headers["x-request-id"]).toBeTruthy();
  expect(JSON.parse(answer.text)).toMatchObject({ error: { code, status } });
}

describe("paths and methods", () => {
  for (const door of ["/helpdesk/api/messages", "/api/trpc", "/api/auth", ""]) {
    it(`broken percent-encoding under ${door || "/"} is 404 JSON, not a 500 from Next.js`, async () => {
      expectEnvelope(await raw("GET", `${door}/%E0%A4%A`), 404, "NOT_FOUND");
      expectEnvelope(await raw("POST", `${door}/%ZZ`, { "content-type": "application/json" }, "{}"), 404, "NOT_FOUND");
    });
    it(`a NUL or control character in a path under ${door || "/"} is 404`, async () => {
      expectEnvelope(await raw("GET", `${door}/tkt_%00abc`), 404, "NOT_FOUND");
      expectEnvelope(await raw("GET", `${door}/a%0Ab`), 404, "NOT_FOUND");
    });
  }

  it("TRACE and unknown methods are 405 JSON with Allow", async () => {
    for (const method of ["TRACE", "PROPFIND", "MKCOL", "PURGE"]) {
      const answer = await raw(method, "/helpdesk/api/messages");
      expectEnvelope(answer, 405, "METHOD_NOT_ALLOWED");
      expect(answer.headers.allow).toContain("GET");
    }
    expectEnvelope(await raw("TRACE", "/"), 405, "METHOD_NOT_ALLOWED");
  });

  it("a method the HTTP parser does not know is 405 JSON too; an unreadable request is 400 JSON", async () => {
    const made = await raw("FOO", "/helpdesk/api/messages");
    expect(made.status).toBe(405);
    expect(JSON.parse(made.text)).toMatchObject({ error: { code: "METHOD_NOT_ALLOWED", status: 405 } });
    expect(made.headers.allow).toContain("GET");
    expect(made.headers["referrer-policy"]).toBe("same-origin");
    const broken = await raw("GET", "/helpdesk/api/messages", { "content-length": "x" });
    expect(broken.status).toBe(400);
    expect(JSON.parse(broken.text)).toMatchObject({ error: { code: "BAD_REQUEST", status: 400 } });
  });

  it("keeps a well-formed client request id and replaces a hostile one", async () => {
    const kept = await raw("GET", "/helpdesk/api/users/me", { "x-request-id": "trace-123" });
    expect(kept.headers["x-request-id"]).toBe("trace-123");
    const replaced = await raw("GET", "/helpdesk/api/users/me", { "x-request-id": "<script>\u00e9" });
    expect(replaced.headers["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe("body limits, the same on every door", () => {
  const big = Buffer.alloc(1024 * 1024 + 10, "a");

  it("a tRPC body over 1 MiB is 413 and creates nothing", async () => {
    const answer = await raw("POST", "/api/trpc/message.create", { authorization: `Bearer ${token}`, "content-type": "application/json" }, big);
    expectEnvelope(answer, 413, "PAYLOAD_TOO_LARGE");
  });

  it("a chunked body (no Content-Length) over 1 MiB is cut off with 413", async () => {
    const answer = await new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = httpRequest(`${server.url}/api/trpc/message.create`, {
        method: "POST",
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json", "transfer-encoding": "chunked" },
      });
      req.on("response", (res) => {
        let text = "";
        res.on("data", (chunk) => (text += chunk));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, text }));
      });
      req.on("error", reject);
      for (let i = 0; i < 20; i++) req.write(Buffer.alloc(64 * 1024, "a"));
      req.end();
    });
    expect(answer.status, answer.text).toBe(413);
  });

  it("REST and next-auth bodies over 1 MiB are 413", async () => {
    expectEnvelope(await raw("POST", "/helpdesk/api/messages", { authorization: `Bearer ${token}`, "content-type": "application/json" }, big), 413, "PAYLOAD_TOO_LARGE");
    expectEnvelope(await raw("POST", "/api/auth/callback/credentials", { "content-type": "application/x-www-form-urlencoded" }, big), 413, "PAYLOAD_TOO_LARGE");
  });

  it("an upload declaring more than HELPDESK_MAX_UPLOAD_BYTES is refused before it is read", async () => {
    const answer = await raw("POST", "/helpdesk/api/attachments", {
      authorization: `Bearer ${token}`,
      "content-type": "multipart/form-data; boundary=x",
      "content-length": String(3_000_000),
    });
    expectEnvelope(answer, 413, "PAYLOAD_TOO_LARGE");
  });

  it("a body under the limit reaches the handler intact", async () => {
    const answer = await raw("POST", "/helpdesk/api/auth/session", { "content-type": "application/json" }, JSON.stringify({ email: "nobody@example.test", password: "wrong" }) + " ".repeat(900_000));
    expectEnvelope(answer, 401, "INVALID_CREDENTIALS");
  });
});

describe("browser safety", () => {
  it("console pages carry a nonce CSP, frame-ancestors 'none' and the other security headers; scripts carry the nonce", async () => {
    const answer = await raw("GET", "/signin");
    expect(answer.status).toBe(200);
    const csp = String(answer.headers["content-security-policy"]);
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toBeTruthy();
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
    expect(answer.headers["x-content-type-options"]).toBe("nosniff");
    expect(answer.headers["referrer-policy"]).toBe("same-origin");
    expect(answer.headers["strict-transport-security"]).toBeUndefined();
    const scripts = [...answer.text.matchAll(/<script\b[^>]*>/g)].map((match) => match[0]);
    expect(scripts.length).toBeGreaterThan(0);
    for (const script of scripts) expect(script).toContain(`nonce="${nonce}"`);
    // A new nonce for every answer.
    const again = await raw("GET", "/signin");
    expect(String(again.headers["content-security-policy"])).not.toContain(nonce);
  });

  it("API answers carry nosniff, Referrer-Policy and frame-ancestors too", async () => {
    for (const path of ["/helpdesk/api/users/me", "/api/trpc/user.me", "/api/auth/csrf"]) {
      const answer = await raw("GET", path);
      expect(answer.headers["x-content-type-options"], path).toBe("nosniff");
      expect(answer.headers["referrer-policy"], path).toBe("same-origin");
      expect(String(answer.headers["content-security-policy"]), path).toContain("frame-ancestors 'none'");
      expect(answer.headers["x-request-id"], path).toBeTruthy();
    }
  });

  it("a cookie-authenticated write from a foreign origin is 403, from our own origin it passes; Bearer is unaffected", async () => {
    const cookie = `next-auth.session-token=${token}`;
    const body = JSON.stringify({ subject: "From a form", requester_email: "origin@example.test" });
    const json = { "content-type": "application/json", cookie };
    expectEnvelope(await raw("POST", "/helpdesk/api/tickets", { ...json, origin: "http://evil.example" }, body), 403, "FORBIDDEN");
    expectEnvelope(await raw("POST", "/helpdesk/api/tickets", { ...json, origin: "http://other.127.0.0.1.nip.io" }, body), 403, "FORBIDDEN");
    expectEnvelope(await raw("POST", "/helpdesk/api/tickets", { ...json, "sec-fetch-site": "same-site" }, body), 403, "FORBIDDEN");
    expectEnvelope(await raw("POST", "/api/trpc/auth.deleteSession", { ...json, origin: "http://evil.example" }, "{}"), 403, "FORBIDDEN");
    expectEnvelope(
      await raw("POST", "/helpdesk/api/attachments", { cookie, "content-type": "multipart/form-data; boundary=x", "sec-fetch-site": "cross-site" }, "--x--"),
      403,
      "FORBIDDEN",
    );
    expect((await raw("POST", "/helpdesk/api/tickets", { ...json, origin: server.url }, body)).status).toBe(201);
    expect((await raw("POST", "/helpdesk/api/tickets", { ...json, "sec-fetch-site": "same-origin" }, body)).status).toBe(201);
    expect((await raw("POST", "/helpdesk/api/tickets", { "content-type": "application/json", authorization: `Bearer ${token}`, origin: "http://evil.example" }, body)).status).toBe(201);
  });
});

describe("live streams and batches", () => {
  const stream = (signal: AbortSignal) =>
    fetch(`${server.url}/api/trpc/ticket.onChanged`, { headers: { authorization: `Bearer ${token}`, accept: "text/event-stream" }, signal });

  it("a user holds at most 20 live streams; the 21st is 429 until one closes", async () => {
    const controllers = Array.from({ length: 20 }, () => new AbortController());
    try {
      const open = await Promise.all(controllers.map((controller) => stream(controller.signal)));
      expect(open.map((response) => response.status)).toEqual(Array(20).fill(200));
      const refused = await stream(new AbortController().signal);
      expect(refused.status).toBe(429);
      expect(refused.headers.get("retry-after")).toBeTruthy();
      controllers[0]?.abort();
      await expect.poll(async () => {
        const controller = new AbortController();
        controllers.push(controller);
        return (await stream(controller.signal)).status;
      }, { timeout: 5_000 }).toBe(200);
    } finally {
      for (const controller of controllers) controller.abort();
    }
  });

  it("a tRPC batch of more than 20 calls is refused before any runs; each call of a batch spends one unit", async () => {
    const auth = { authorization: `Bearer ${token}` };
    const batch = (size: number) => raw("GET", `/api/trpc/${Array(size).fill("user.me").join(",")}?batch=1&input=%7B%7D`, auth);
    expect((await batch(21)).status).toBe(400);
    const before = Number((await batch(1)).headers["x-ratelimit-remaining"]);
    const twenty = await batch(20);
    expect(twenty.status).toBe(200);
    expect(Number(twenty.headers["x-ratelimit-remaining"])).toBe(before - 20);
  });
});

describe("downloads", () => {
  it("keep their own sandboxing CSP: an uploaded HTML file never runs as this origin", async () => {
    const auth = { authorization: `Bearer ${token}` };
    const form = new FormData();
    form.append("file", new Blob(["<script>alert(1)</script>"], { type: "text/html" }), "page.html");
    const upload = await fetch(`${server.url}/helpdesk/api/attachments`, { method: "POST", headers: auth, body: form });
    expect(upload.status).toBe(201);
    const { token: uploadToken } = (await upload.json()) as { token: string };
    const post = (path: string, body: unknown) =>
      fetch(`${server.url}/helpdesk/api${path}`, { method: "POST", headers: { ...auth, "content-type": "application/json" }, body: JSON.stringify(body) });
    const ticket = (await (await post("/tickets", { subject: "A page", requester_email: "page@example.test" })).json()) as { id: string };
    const message = await post("/messages", { ticket_id: ticket.id, type: "note", content: "<p>See the page</p>", attachments: [{ token: uploadToken }] });
    const { attachments } = (await message.json()) as { attachments: { url: string }[] };
    const download = await fetch(`${server.url}${attachments[0]?.url}`, { headers: auth });
    expect(download.status).toBe(200);
    expect(download.headers.get("content-security-policy")).toBe("default-src 'none'; sandbox");
    expect(download.headers.get("content-disposition")).toMatch(/^attachment;/);
    expect(download.headers.get("x-content-type-options")).toBe("nosniff");
  });
});

describe("health", () => {
  it("liveness and readiness", async () => {
    const live = await raw("GET", "/helpdesk/api/health");
    expect(live.status).toBe(200);
    expect(JSON.parse(live.text)).toEqual({ status: "ok" });
    const ready = await raw("GET", "/helpdesk/api/health?ready=1");
    expect(ready.status).toBe(200);
    expectEnvelope(await raw("POST", "/helpdesk/api/health", { "content-type": "application/json" }, "{}"), 405, "METHOD_NOT_ALLOWED");
  });
});
