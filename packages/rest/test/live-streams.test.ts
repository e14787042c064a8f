// CONTRACT §4: at most MAX_LIVE_STREAMS_PER_USER open live subscriptions per user (per server instance); the next is
// refused with 429 RATE_LIMIT_EXCEEDED, and a closed stream frees its slot.
import { MAX_LIVE_STREAMS_PER_USER } from "@helpdesk/validators";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { signInAs, useApi } from "./support/api.ts";
import { openStream, startTrpc, type TestTrpc } from "./support/trpc.ts";

const { api } = useApi();
const trpc = {} as TestTrpc;
const aborts: AbortController[] = [];
afterEach(() => {
  for (const controller of aborts.splice(0)) controller.abort();
});
afterAll(() => trpc.close());

async function stream(token: string) {
  const controller = new AbortController();
  aborts.push(controller);
  const response = await openStream(trpc, "ticket.onChanged", { token, signal: controller.signal });
  return { response, close: () => controller.abort() };
}

/** Waits until `check` passes: a closed stream frees its slot once the server sees the connection go. */
async function eventually(check: () => Promise<boolean>, ms = 5000) {
  for (const deadline = Date.now() + ms; Date.now() < deadline; await new Promise((resolve) => setTimeout(resolve, 50))) {
    if (await check()) return;
  }
  throw new Error("never came true");
}

describe("live streams", () => {
  it(`holds ${MAX_LIVE_STREAMS_PER_USER} open per user, refuses the next with 429, and frees a slot when one closes`, async () => {
    Object.assign(trpc, await startTrpc({ requestsPerMinute: 1000 }));
    const viewer = await signInAs(api, "viewer");
    const open = await Promise.all(Array.from({ length: MAX_LIVE_STREAMS_PER_USER }, () => stream(viewer.token)));
    expect(open.map(({ response }) => response.status)).toEqual(Array(MAX_LIVE_STREAMS_PER_USER).fill(200));
    expect(open[0]?.response.headers.get("content-type")).toMatch(/text\/event-stream/);

    const refused = await stream(viewer.token);
    expect(refused.response.status).toBe(429);
    expect(Number(refused.response.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await refused.response.text()).toContain("RATE_LIMIT_EXCEEDED");

    // Another user's streams are their own.
    const other = await signInAs(api, "viewer");
    expect((await stream(other.token)).response.status).toBe(200);

    open[0]?.close();
    await eventually(async () => {
      const next = await stream(viewer.token);
      if (next.response.status === 200) return true;
      await next.response.body?.cancel();
      return false;
    });
    expect((await stream(viewer.token)).response.status).toBe(429);
  });
});
