// The delivery log of an endpoint, redelivery and the test event (CONTRACT §14).
import { newId, type Prisma, type Db } from "@helpdesk/db";
import { WEBHOOK_TEST_EVENT, type TListWebhookDeliveriesQuery, type TWebhookDelivery, type TWebhookDeliveryList } from "@helpdesk/validators";
import { notFound } from "../../errors.ts";
import { WEBHOOKS_CHANNEL } from "../../webhooks/config.ts";
import { paginate } from "../pagination.ts";

/** The newest attempts kept in the log answer per delivery (all are stored). */
const ATTEMPTS_SHOWN = 20;

const deliverySelect = {
  id: true, webhookId: true, eventId: true, status: true, attempts: true, nextAttemptAt: true, deliveredAt: true, createdAt: true,
  event: { select: { type: true } },
  attemptLog: {
    select: { statusCode: true, durationMs: true, error: true, responseExcerpt: true, createdAt: true },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: ATTEMPTS_SHOWN,
  },
} satisfies Prisma.WebhookDeliverySelect;
type DeliveryRow = Prisma.WebhookDeliveryGetPayload<{ select: typeof deliverySelect }>;

function toDelivery(row: DeliveryRow): TWebhookDelivery {
  return {
    id: row.id,
    webhookId: row.webhookId,
    eventId: row.eventId,
    eventType: row.event.type,
    status: row.status,
    attemptCount: row.attempts,
    nextAttemptAt: row.status === "pending" ? row.nextAttemptAt.toISOString() : null,
    deliveredAt: row.deliveredAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    attempts: row.attemptLog.map((attempt) => ({ ...attempt, createdAt: attempt.createdAt.toISOString() })),
  };
}

async function assertWebhook(db: Db | Prisma.TransactionClient, id: string): Promise<void> {
  if (!(await db.webhook.findUnique({ where: { id }, select: { id: true } }))) throw notFound("Webhook", id);
}

/** Newest first. */
export async function listDeliveries(db: Db, webhookId: string, query: TListWebhookDeliveriesQuery): Promise<TWebhookDeliveryList> {
  await assertWebhook(db, webhookId);
  const [total, rows] = await Promise.all([
    db.webhookDelivery.count({ where: { webhookId } }),
    db.webhookDelivery.findMany({ where: { webhookId }, select: deliverySelect, orderBy: { seq: "desc" }, skip: (query.page - 1) * query.limit, take: query.limit }),
  ]);
  return paginate(rows.map(toDelivery), { page: query.page, limit: query.limit, total });
}

/** A new delivery of the same event (the same id and body), queued behind the ticket's other pending ones. */
export async function redeliver(db: Db, webhookId: string, deliveryId: string): Promise<TWebhookDelivery> {
  const original = await db.webhookDelivery.findFirst({ where: { id: deliveryId, webhookId }, select: { eventId: true, ticketId: true } });
  if (!original) throw notFound("Delivery", deliveryId);
  return queueDelivery(db, { webhookId, eventId: original.eventId, ticketId: original.ticketId });
}

/** A `webhook.test` event to this endpoint alone, whatever it subscribed to and even while paused. */
export async function sendTestEvent(db: Db, webhookId: string): Promise<TWebhookDelivery> {
  await assertWebhook(db, webhookId);
  const eventId = newId("evt");
  const data = { webhookId, message: "A test event from Helpdesk: this endpoint is reachable and can verify signatures." };
  await db.webhookEvent.create({ data: { id: eventId, type: WEBHOOK_TEST_EVENT, subjectId: webhookId, payload: data } });
  return queueDelivery(db, { webhookId, eventId, ticketId: null });
}

async function queueDelivery(db: Db, delivery: { webhookId: string; eventId: string; ticketId: string | null }): Promise<TWebhookDelivery> {
  const row = await db.$transaction(async (tx) => {
    const created = await tx.webhookDelivery.create({ data: { id: newId("whd"), ...delivery }, select: deliverySelect });
    // Wakes the dispatchers on commit.
    await tx.$executeRaw`SELECT pg_notify(${WEBHOOKS_CHANNEL}, '')`;
    return created;
  });
  return toDelivery(row);
}
