// CONTRACT §4: one per-user request budget for both doors, kept in PostgreSQL so that every server instance spends
// from the same count; a tRPC batch spends one unit per call and carries at most MAX_BATCH_CALLS calls.
import { randomUUID } from "node:crypto";
import { getDb } from "@helpdesk/db";
import { CLIENT_ADDRESS_HEADER, MAX_BATCH_CALLS } from "@helpdesk/validators";
import { afterAll, describe, expect, it } from "vitest";
import { call, signInAs, startApi, type TestApi } from "./support/api.ts";
import { expectError } from "./support/fixtures.ts";
import { startTrpc, trpcBatch, type TestTrpc } from "./support/trpc.ts";

const servers: (TestApi | TestTrpc)[] = [];
afterAll(() => Promise.all(servers.map((server) => server.close())));
async function started<T extends TestApi | TestTrpc>(server: Promise<T>): Promise<T> {
  servers.push(await server);
  return servers.at(-1) as T;
}

const remaining = (headers: Headers) => Number(headers.get("x-ratelimit-remaining"));
const me = { path: "user.me" };

describe("the request budget", () => {
  it("is one per user across two REST servers on one database", async () => {
    const first = await started(startApi({ requestsPerMinute: 6 }));
    const second = await started(startApi({ requestsPerMinute: 6 }));
    const { token } = await signInAs(first, "viewer");
    const answers = [];
    for (const server of [first, second, first, second, first, second]) answers.push(await call(server, "GET", "/users/me", { token }));
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 200, 200, 200]);
    expect(answers.map((answer) => remaining(answer.headers))).toEqual([5, 4, 3, 2, 1, 0]);
    for (const server of [first, second]) {
      const refused = await call(server, "GET", "/users/me", { token });
      expectError(refused, 429, "RATE_LIMIT_EXCEEDED");
      expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    }
  });

  it("is not spent from a user's budget by a token that no longer holds (a revoked one spends its address's)", async () => {
    const api = await started(startApi({ requestsPerMinute: 20 }));
    const { user, token: revoked } = await signInAs(api, "viewer");
    expect((await call(api, "DELETE", "/auth/session", { token: revoked })).status).toBe(204);
    for (let n = 0; n < 5; n++) expectError(await call(api, "GET", "/users/me", { token: revoked }), 401, "UNAUTHORIZED");
    const spent = await getDb().rateLimit.findUnique({ where: { key: `requests:user:${user.id}` } });
    // One unit, the sign-out itself: the revoked token spent nothing of the user's afterwards.
    expect(spent?.points).toBe(1);
  });

  it("is spent by each call of a tRPC batch and by REST alike, with the same headers on both doors", async () => {
    const rest = await started(startApi({ requestsPerMinute: 10 }));
    const trpc = await started(startTrpc({ requestsPerMinute: 10 }));
    const { user, token } = await signInAs(rest, "viewer");
    const batch = await trpcBatch(trpc, "query", [me, me, me], { token });
    expect(batch.status).toBe(200);
    expect(batch.results).toEqual([{ data: expect.objectContaining({ id: user.id }) }, expect.anything(), expect.anything()]);
    expect(batch.headers.get("x-ratelimit-limit")).toBe("10");
    expect(remaining(batch.headers)).toBe(7);
    expect(Number(batch.headers.get("x-ratelimit-reset"))).toBeGreaterThan(Date.now() / 1000);
    const viaRest = await call(rest, "GET", "/users/me", { token });
    expect(remaining(viaRest.headers)).toBe(6);
    expect(remaining((await trpcBatch(trpc, "query", [me], { token })).headers)).toBe(5);
    // Five left: a batch of six is refused whole, on the tRPC door and then on the REST one.
    const refused = await trpcBatch(trpc, "query", Array(6).fill(me), { token });
    expect(refused.status).toBe(429);
    expect(new Set(refused.results.map((result) => ("error" in result ? `${result.error.code} ${result.error.appCode}` : "ran")))).toEqual(
      new Set(["TOO_MANY_REQUESTS RATE_LIMIT_EXCEEDED"]),
    );
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(Number(refused.headers.get("retry-after"))).toBeLessThanOrEqual(60);
    expect(remaining(refused.headers)).toBe(0);
    expectError(await call(rest, "GET", "/users/me", { token }), 429, "RATE_LIMIT_EXCEEDED");
  });

  it("refuses a tRPC batch of more than MAX_BATCH_CALLS calls before any call runs", async () => {
    const rest = await started(startApi({ requestsPerMinute: 100 }));
    const trpc = await started(startTrpc({ requestsPerMinute: 100 }));
    const { token } = await signInAs(rest, "agent");
    const subject = `Batch ${randomUUID()}`;
    const create = { path: "ticket.create", input: { subject, requester_email: "batch@example.test" } };
    const tooMany = await trpcBatch(trpc, "mutation", Array(MAX_BATCH_CALLS + 1).fill(create), { token });
    expect(tooMany.status).toBe(400);
    expect(tooMany.results).toEqual([{ error: expect.objectContaining({ code: "BAD_REQUEST" }) }]);
    expect(await getDb().ticket.count({ where: { subject } })).toBe(0);
    // Nothing ran, so nothing was spent either.
    expect(remaining((await call(rest, "GET", "/users/me", { token })).headers)).toBe(99);
    const allowed = await trpcBatch(trpc, "mutation", Array(MAX_BATCH_CALLS).fill(create), { token });
    expect(allowed.status).toBe(200);
    expect(await getDb().ticket.count({ where: { subject } })).toBe(MAX_BATCH_CALLS);
    expect(remaining(allowed.headers)).toBe(99 - MAX_BATCH_CALLS);
  });

  it("of a signed-out caller is its client address's, whatever X-Forwarded-For says", async () => {
    const rest = await started(startApi({ requestsPerMinute: 2 }));
    const trpc = await started(startTrpc({ requestsPerMinute: 2 }));
    const address = { [CLIENT_ADDRESS_HEADER]: `203.0.113.${Math.floor(Math.random() * 250)}-${randomUUID()}` };
    const forwardedAs = (hop: number) => ({ ...address, "x-forwarded-for": `198.51.100.${hop}` });
    expect((await call(rest, "GET", "/openapi.json", { headers: forwardedAs(1) })).status).toBe(200);
    // The other door spends from the same address's budget.
    expect((await trpcBatch(trpc, "query", [me], { headers: forwardedAs(2) })).results).toEqual([
      { error: expect.objectContaining({ appCode: "UNAUTHORIZED" }) },
    ]);
    expectError(await call(rest, "GET", "/openapi.json", { headers: forwardedAs(3) }), 429, "RATE_LIMIT_EXCEEDED");
    expect((await trpcBatch(trpc, "query", [me], { headers: forwardedAs(4) })).status).toBe(429);
    // Another address has a budget of its own.
    expect((await call(rest, "GET", "/openapi.json", { headers: { [CLIENT_ADDRESS_HEADER]: `198.51.100.9-${randomUUID()}` } })).status).toBe(200);
  });
});
