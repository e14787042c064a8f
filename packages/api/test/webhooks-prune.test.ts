// Webhook history is kept for 30 days: older events whose deliveries are all settled are deleted by the automations'
// pass (with their deliveries), while an event still pending, however old, and any recent one stay.
import { firstIdAt, getDb, newId } from "@helpdesk/db";
import { createTestDatabase, type TestDatabase } from "@helpdesk/db/testing";
import { afterAll, beforeAll, expect, it } from "vitest";
import { pruneWebhookHistory, WEBHOOK_HISTORY_DAYS } from "../src/webhooks/prune.ts";

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase("webhook_prune");
  process.env.DATABASE_URL = database.url;
});

afterAll(async () => {
  await getDb().$disconnect();
  await database?.stop();
});

const DAY = 86_400_000;

it(`deletes settled events older than ${WEBHOOK_HISTORY_DAYS} days with their deliveries, and nothing else`, async () => {
  const db = getDb();
  const webhook = await db.webhook.create({ data: { id: newId("whk"), url: "https://192.0.2.10/hook", events: ["ticket.created"], secret: "s" } });
  const now = Date.now();
  // An id made `daysAgo` days ago (a millisecond apart per event, so that each is its own).
  const event = async (daysAgo: number, offsetMs: number, status: "pending" | "delivered" | "failed") => {
    const id = firstIdAt("evt", new Date(now - daysAgo * DAY + offsetMs));
    await db.webhookEvent.create({ data: { id, type: "ticket.created", subjectId: "tkt_x", deliveries: { create: { id: newId("whd"), webhookId: webhook.id, status } } } });
    return id;
  };
  const oldDelivered = await event(WEBHOOK_HISTORY_DAYS + 5, 0, "delivered");
  const oldFailed = await event(WEBHOOK_HISTORY_DAYS + 1, 1, "failed");
  const oldPending = await event(WEBHOOK_HISTORY_DAYS + 9, 2, "pending");
  const recent = await event(WEBHOOK_HISTORY_DAYS - 1, 3, "delivered");

  expect(await pruneWebhookHistory(db, new Date(now))).toBe(2);
  const left = (await db.webhookEvent.findMany({ select: { id: true } })).map((row) => row.id).sort();
  expect(left).toEqual([oldPending, recent].sort());
  expect(await db.webhookDelivery.count({ where: { eventId: { in: [oldDelivered, oldFailed] } } })).toBe(0);
  expect(await pruneWebhookHistory(db, new Date(now))).toBe(0);
});
