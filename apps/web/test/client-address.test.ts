// Who the front door says is asking: the socket's address, unless HELPDESK_TRUSTED_PROXIES names the proxies in
// front (issue 9 item 1). Seen through the signed-out request budget, which is kept per client address.
import { createTestDatabase, type TestDatabase } from "@helpdesk/db/testing";
import { describe, expect, it } from "vitest";
import { type RunningServer, startServer } from "./support/server.ts";

const BUDGET = 5;

/** A server with a tiny budget on a database of its own (budgets live in the database). */
async function withServer(env: Record<string, string>, run: (server: RunningServer) => Promise<void>) {
  const database: TestDatabase = await createTestDatabase("client-address");
  const server = await startServer({ databaseUrl: database.url, env: { HELPDESK_RATE_LIMIT_PER_MINUTE: String(BUDGET), ...env } });
  try {
    await run(server);
  } finally {
    await server.stop();
    await database.stop();
  }
}

/** Signed-out calls, each claiming to come from another address; answers their statuses. */
async function signedOutCalls(server: RunningServer, count: number): Promise<number[]> {
  const statuses: number[] = [];
  for (let n = 0; n < count; n++) {
    const response = await fetch(`${server.url}/helpdesk/api/users/me`, { headers: { "x-forwarded-for": `203.0.113.${n + 1}` } });
    statuses.push(response.status);
  }
  return statuses;
}

describe("client address", () => {
  it("without trusted proxies, X-Forwarded-For buys no fresh budget: the socket's address is the client", async () => {
    await withServer({}, async (server) => {
      expect(await signedOutCalls(server, BUDGET + 1)).toEqual([...Array(BUDGET).fill(401), 429]);
    });
  });

  it("behind a trusted proxy, each forwarded client has a budget of its own", async () => {
    await withServer({ HELPDESK_TRUSTED_PROXIES: "loopback" }, async (server) => {
      expect(await signedOutCalls(server, BUDGET + 1)).toEqual(Array(BUDGET + 1).fill(401));
    });
  });
});
