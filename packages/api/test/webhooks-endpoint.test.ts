// Issue 14 (CONTRACT §14): what an endpoint gets and what the log keeps: redirects not followed, the answer's excerpt
// capped, redelivery of the same event, the test event, pausing after 3 days of failures, and the server-side request
// forgery guard (at save and at delivery time). Traffic goes to the loopback receiver only: the private and link-local
// addresses are checked by the address check itself, never connected to.
import { randomUUID } from "node:crypto";
import { getDb, newId } from "@helpdesk/db";
import { createTestDatabase, type TestDatabase } from "@helpdesk/db/testing";
import { TRPCError } from "@trpc/server";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { createCaller, describeError, startBackgroundWork, stopJobSender, type BackgroundWork } from "../src/index.ts";
import { isPublicAddress } from "../src/webhooks/address.ts";
import { eventOf, FAST_DELIVERY, Receiver } from "./support/webhooks.ts";

let database: TestDatabase;
let background: BackgroundWork;
let target: Receiver;
let admin: ReturnType<typeof createCaller>;

beforeAll(async () => {
  database = await createTestDatabase("webhook-endpoints");
  process.env.DATABASE_URL = database.url;
  process.env.HELPDESK_WEBHOOKS_ALLOW_PRIVATE = "1";
  background = await startBackgroundWork(getDb(), { databaseUrl: database.url, mail: null, automations: null, webhooks: FAST_DELIVERY });
  target = await new Receiver().start();
  const user = await getDb().user.create({ data: { id: newId("usr"), email: `admin-${randomUUID()}@example.test`, name: "Admin", role: "admin", passwordHash: "unused" } });
  admin = createCaller({ db: getDb(), user, headers: new Headers(), source: "api" });
});

afterEach(async () => {
  process.env.HELPDESK_WEBHOOKS_ALLOW_PRIVATE = "1";
  await getDb().webhook.deleteMany();
  await target.behave({ status: 200, body: "thanks", location: null, bodyBytes: 0 });
});

afterAll(async () => {
  await background?.stop();
  await target?.stop();
  await stopJobSender();
  await getDb().$disconnect();
  await database?.stop();
});

const ticketCreated = (subject: string) =>
  getDb().ticket.create({ data: { id: newId("tkt"), subject, requesterEmail: "r@example.test" } });

/** The endpoint's deliveries once every one has left `pending`, newest first, as the log answers them. */
async function settledLog(webhookId: string, count = 1) {
  let log = await admin.webhook.deliveries({ webhook_id: webhookId });
  await vi.waitFor(async () => {
    log = await admin.webhook.deliveries({ webhook_id: webhookId });
    expect(log.data.filter((delivery) => delivery.status !== "pending" || delivery.attemptCount > 0)).toHaveLength(count);
  }, { timeout: 10_000, interval: 50 });
  return log.data;
}

async function validationFailure(promise: Promise<unknown>) {
  const error = await promise.then(() => null, (reason: unknown) => reason);
  expect(error).toBeInstanceOf(TRPCError);
  return describeError(error as TRPCError);
}

describe("an endpoint's deliveries", () => {
  it("does not follow a redirect: a 3xx is a failed attempt, and the location is never requested", async () => {
    await target.behave({ status: 302, location: target.url("/elsewhere") });
    const webhook = await admin.webhook.create({ url: target.url("/moved"), events: ["ticket.created"] });
    await ticketCreated("Redirect");
    const [delivery] = await settledLog(webhook.id);
    expect(delivery!.attempts[0]).toMatchObject({ statusCode: 302, error: "HTTP 302: redirects are not followed" });
    expect((await target.received()).filter((r) => r.path === "/elsewhere")).toEqual([]);
  });

  it("keeps the first 4 KiB of a large answer in the log", async () => {
    await target.behave({ status: 500, bodyBytes: 100_000 });
    const webhook = await admin.webhook.create({ url: target.url(), events: ["ticket.created"] });
    await ticketCreated("Large answer");
    const [delivery] = await settledLog(webhook.id);
    expect(delivery!.attempts[0]).toMatchObject({ statusCode: 500, error: "HTTP 500", responseExcerpt: "x".repeat(4096) });
    expect(delivery!.attempts[0]!.durationMs).toBeGreaterThanOrEqual(0);
  });

  it("redelivers the same event (same id, same body), and sends a test event", async () => {
    const webhook = await admin.webhook.create({ url: target.url("/redeliver"), events: ["ticket.created"] });
    await ticketCreated("Redeliver");
    const [first] = await settledLog(webhook.id);
    expect(first).toMatchObject({ status: "delivered", attemptCount: 1, eventType: "ticket.created" });
    expect(first!.attempts[0]).toMatchObject({ statusCode: 200, error: null, responseExcerpt: "thanks" });
    const again = await admin.webhook.redeliver({ webhook_id: webhook.id, delivery_id: first!.id });
    expect(again).toMatchObject({ eventId: first!.eventId, status: "pending" });
    await settledLog(webhook.id, 2);
    const bodies = (await target.received()).filter((r) => r.path === "/redeliver").map((r) => r.body);
    expect(bodies).toHaveLength(2);
    expect(bodies[1]).toBe(bodies[0]);
    const test = await admin.webhook.test({ webhook_id: webhook.id });
    expect(test.eventType).toBe("webhook.test");
    await settledLog(webhook.id, 3);
    const last = (await target.received()).filter((r) => r.path === "/redeliver").at(-1)!;
    expect(eventOf(last)).toMatchObject({ id: test.eventId, type: "webhook.test", data: { webhookId: webhook.id } });
  });

  it("pauses an endpoint whose deliveries have failed for 3 days, and says why", async () => {
    await target.behave({ status: 503, body: "down for maintenance" });
    const webhook = await admin.webhook.create({ url: target.url(), events: ["ticket.created"] });
    await getDb().webhook.update({ where: { id: webhook.id }, data: { failingSince: new Date(Date.now() - 71 * 3_600_000) } });
    await ticketCreated("Failing");
    await settledLog(webhook.id);
    // 71 hours: not yet.
    expect(await admin.webhook.byId({ webhook_id: webhook.id })).toMatchObject({ active: true, pausedAt: null });
    await getDb().webhook.update({ where: { id: webhook.id }, data: { failingSince: new Date(Date.now() - 73 * 3_600_000) } });
    await vi.waitFor(async () => {
      expect(await admin.webhook.byId({ webhook_id: webhook.id })).toMatchObject({ active: false, pausedAt: expect.any(String), pauseReason: "Paused: every delivery failed for 3 days (last: HTTP 503)" });
    }, { timeout: 10_000, interval: 50 });
    // Turning it on again starts afresh.
    expect(await admin.webhook.update({ webhook_id: webhook.id, active: true })).toMatchObject({ active: true, pausedAt: null, pauseReason: null, failingSince: null });
  });
});

describe("the server-side request forgery guard", () => {
  it("classifies private, loopback, link-local, unique-local and special addresses (and their IPv4-mapped forms) as not public", () => {
    const notPublic = [
      "10.0.0.1", "172.16.5.4", "192.168.1.1", "127.0.0.1", "169.254.169.254", "0.0.0.0", "100.64.0.1", "224.0.0.1", "255.255.255.255",
      "::1", "::", "fd00::1", "fc00::1", "fe80::1", "ff02::1", "::ffff:10.0.0.1", "::ffff:127.0.0.1", "::ffff:169.254.169.254", "64:ff9b::a00:1", "not an address",
    ];
    expect(notPublic.filter(isPublicAddress)).toEqual([]);
    expect(["93.184.216.34", "8.8.8.8", "2606:4700:4700::1111", "::ffff:8.8.8.8"].every(isPublicAddress)).toBe(true);
  });

  it("refuses loopback URLs and a name resolving to 127.0.0.1 at save time unless allowed, and only http(s)", async () => {
    delete process.env.HELPDESK_WEBHOOKS_ALLOW_PRIVATE;
    const port = target.port;
    const receivedBefore = (await target.received()).length;
    for (const url of [`http://127.0.0.1:${port}/hook`, `http://localhost:${port}/hook`, `http://[::1]:${port}/hook`, `http://[::ffff:127.0.0.1]:${port}/hook`]) {
      const described = await validationFailure(admin.webhook.create({ url, events: ["ticket.created"] }));
      expect(described).toMatchObject({ code: "VALIDATION_ERROR", details: { url: [{ code: "INVALID", message: expect.stringMatching(/private, loopback or link-local/) }] } });
    }
    expect(await validationFailure(admin.webhook.create({ url: "ftp://127.0.0.1/x", events: ["ticket.created"] }))).toMatchObject({ details: { url: [expect.objectContaining({ code: "INVALID" })] } });
    expect(await validationFailure(admin.webhook.create({ url: "file:///etc/passwd", events: ["ticket.created"] }))).toMatchObject({ details: { url: [expect.objectContaining({ code: "INVALID" })] } });
    const saved = await admin.webhook.create({ url: "http://93.184.216.34/hook", events: ["ticket.created"], active: false });
    expect((await validationFailure(admin.webhook.update({ webhook_id: saved.id, url: `http://localhost:${port}/x` }))).details).toHaveProperty("url");
    expect(await getDb().webhook.count()).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await target.received()).toHaveLength(receivedBefore);
  });

  it("checks again at delivery time: an endpoint saved while allowed gets nothing once private targets are refused", async () => {
    const viaName = await admin.webhook.create({ url: `http://localhost:${target.port}/by-name`, events: ["ticket.created"] });
    const viaAddress = await admin.webhook.create({ url: target.url("/by-address"), events: ["ticket.created"] });
    delete process.env.HELPDESK_WEBHOOKS_ALLOW_PRIVATE;
    await ticketCreated("Refused at delivery");
    for (const webhook of [viaName, viaAddress]) {
      const [delivery] = await settledLog(webhook.id);
      expect(delivery).toMatchObject({ status: "pending" });
      expect(delivery!.attempts[0]).toMatchObject({ statusCode: null, error: expect.stringMatching(/^Refused: .*(private, loopback or link-local)/) });
    }
    expect((await target.received()).filter((r) => r.path === "/by-name" || r.path === "/by-address")).toEqual([]);
  });
});
