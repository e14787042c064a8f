// CONTRACT section 4: RATE_LIMIT_EXCEEDED with Retry-After, and SERVICE_UNAVAILABLE when the database is away.
import { createDb } from "@helpdesk/db";
import { afterAll, describe, expect, it } from "vitest";
import { call, signInAs, startApi, type TestApi } from "./support/api.ts";
import { expectError } from "./support/fixtures.ts";

const started: TestApi[] = [];
afterAll(() => Promise.all(started.map((api) => api.close())));
async function api(options: Parameters<typeof startApi>[0]) {
  const instance = await startApi(options);
  started.push(instance);
  return instance;
}

describe("rate limit", () => {
  it("answers 429 with Retry-After once a user's requests a minute are spent, per user", async () => {
    const limited = await api({ requestsPerMinute: 3 });
    const { token } = await signInAs(limited, "viewer");
    // Signing in spent one request of the signed-out budget; the user's own budget starts now.
    for (let request = 1; request <= 3; request++) {
      const answer = await call(limited, "GET", "/users/me", { token });
      expect(answer.status).toBe(200);
      expect(answer.headers.get("x-ratelimit-remaining")).toBe(String(3 - request));
    }
    const refused = await call(limited, "GET", "/users/me", { token });
    expectError(refused, 429, "RATE_LIMIT_EXCEEDED");
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(Number(refused.headers.get("retry-after"))).toBeLessThanOrEqual(60);
    expect(refused.headers.get("x-ratelimit-remaining")).toBe("0");
    // Another user's budget is their own.
    const other = await signInAs(limited, "viewer");
    expect((await call(limited, "GET", "/users/me", { token: other.token })).status).toBe(200);
  });
});

describe("database outage", () => {
  it("answers 503 SERVICE_UNAVAILABLE, not 500, when PostgreSQL cannot be reached", async () => {
    const healthy = await api({});
    const { token } = await signInAs(healthy, "agent");
    // Nothing listens on port 1: every query fails to connect.
    const unreachable = createDb("postgresql://postgres:postgres@127.0.0.1:1/helpdesk");
    const down = await api({ db: () => unreachable });
    const answer = await call(down, "GET", "/users/me", { token });
    expectError(answer, 503, "SERVICE_UNAVAILABLE");
    expect(JSON.stringify(answer.body)).not.toMatch(/ECONNREFUSED|at .*\.ts/);
  });
});
