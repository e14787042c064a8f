// The dispatcher's pass: claim due deliveries, send them, record what happened. Safe to run in any number of
// processes at once: a claim is a lease taken with FOR UPDATE SKIP LOCKED, so each attempt is made by one of them.
import { newId, Prisma, type Db } from "@helpdesk/db";
import { logger } from "@helpdesk/log";
import { resolveTarget, TargetRefused } from "./address.ts";
import { retryDelayMs, type WebhookDeliveryConfig } from "./config.ts";
import { frozenPayload, SUBJECT_GONE } from "./render.ts";
import { postJson, type SendResult } from "./send.ts";
import { EVENT_ID_HEADER, SIGNATURE_HEADER, signatureHeader } from "./signature.ts";

const BATCH = 20;
/** Longer than one attempt can take (the 10 s timeout and the rendering); a crashed process's claims come back after. */
const LEASE = Prisma.sql`interval '60 seconds'`;

interface Claimed {
  id: string;
  webhookId: string;
  attempts: number;
  url: string;
  secret: string;
  eventId: string;
  type: string;
  subjectId: string;
  eventCreatedAt: Date;
  payload: Prisma.JsonValue | null;
}

/** Sends everything due now; answers how many attempts were made. */
export async function dispatchDue(db: Db, config: WebhookDeliveryConfig): Promise<number> {
  let made = 0;
  // Bounded, so that a pass ends and the next one (or a wake-up) carries on with whatever became due meanwhile.
  for (let round = 0; round < 50; round++) {
    const claimed = await claimDue(db);
    const results = await Promise.allSettled(claimed.map((delivery) => attempt(db, config, delivery)));
    for (const result of results) {
      // The lease runs out and another pass tries again: nothing is lost, so a log line is enough.
      if (result.status === "rejected") logger.error({ err: result.reason }, "webhook delivery attempt failed to run");
    }
    made += claimed.length;
    if (claimed.length < BATCH) break;
  }
  return made;
}

/**
 * The due deliveries, oldest first, each the earliest pending one of its (webhook, ticket): a ticket's later event
 * waits while an earlier one to the same endpoint is pending, so receivers see each ticket's events in order. Only
 * active endpoints' (a test event goes to a paused one too: it is how an admin checks it works again).
 */
async function claimDue(db: Db): Promise<Claimed[]> {
  return db.$queryRaw<Claimed[]>`
    WITH due AS (
      SELECT d.id FROM "WebhookDelivery" d
      JOIN "Webhook" w ON w.id = d."webhookId"
      JOIN "WebhookEvent" ev ON ev.id = d."eventId"
      WHERE d.status = 'pending' AND d."nextAttemptAt" <= now() AND (d."leasedUntil" IS NULL OR d."leasedUntil" < now())
        AND (w.active OR ev.type = 'webhook.test')
        AND NOT EXISTS (SELECT 1 FROM "WebhookDelivery" earlier WHERE earlier."webhookId" = d."webhookId"
          AND earlier."ticketId" = d."ticketId" AND earlier.status = 'pending' AND earlier.seq < d.seq)
      ORDER BY d.seq LIMIT ${BATCH}
      FOR UPDATE OF d SKIP LOCKED)
    UPDATE "WebhookDelivery" d SET "leasedUntil" = now() + ${LEASE}
    FROM due, "Webhook" w, "WebhookEvent" ev
    WHERE d.id = due.id AND w.id = d."webhookId" AND ev.id = d."eventId"
    RETURNING d.id, d."webhookId", d.attempts, w.url, w.secret, ev.id AS "eventId", ev.type, ev."subjectId",
      ev."createdAt" AS "eventCreatedAt", ev.payload`;
}

async function attempt(db: Db, config: WebhookDeliveryConfig, delivery: Claimed): Promise<void> {
  const data = delivery.payload ?? (await frozenPayload(db, { id: delivery.eventId, type: delivery.type, subjectId: delivery.subjectId }));
  if (data === SUBJECT_GONE) return cancelEvent(db, delivery.eventId);
  const body = JSON.stringify({ id: delivery.eventId, type: delivery.type, createdAt: delivery.eventCreatedAt.toISOString(), data });
  const result = await send(delivery, body, config.timeoutMs);
  await record(db, config, delivery, result);
}

async function send(delivery: Claimed, body: string, timeoutMs: number): Promise<SendResult> {
  try {
    // Checked again now, after resolving the name: the address may have changed since the URL was saved.
    const target = await resolveTarget(delivery.url);
    const headers = { [EVENT_ID_HEADER]: delivery.eventId, [SIGNATURE_HEADER]: signatureHeader(delivery.secret, body) };
    return await postJson(target, headers, body, timeoutMs);
  } catch (error) {
    if (!(error instanceof TargetRefused)) throw error;
    return { statusCode: null, error: `Refused: ${error.message}`, responseExcerpt: null, durationMs: 0 };
  }
}

/** The message was withdrawn (undo send) before its announcement left: none of its deliveries will ever be sent. */
async function cancelEvent(db: Db, eventId: string): Promise<void> {
  await db.$executeRaw`
    UPDATE "WebhookDelivery" SET status = 'cancelled', "leasedUntil" = NULL, "lastError" = 'The message was withdrawn (undo send) before it was announced.'
    WHERE "eventId" = ${eventId} AND status = 'pending'`;
}

async function record(db: Db, config: WebhookDeliveryConfig, delivery: Claimed, result: SendResult): Promise<void> {
  const delivered = result.error === null;
  const retryAt = Prisma.sql`now() + ${`${retryDelayMs(config, delivery.attempts + 1)} milliseconds`}::interval`;
  const deadline = Prisma.sql`d."createdAt" + ${`${config.retryForMs} milliseconds`}::interval`;
  // An active endpoint whose failures began pauseAfterMs ago or more (the row's values before this update).
  const pauseNow = Prisma.sql`(active AND coalesce("failingSince" <= now() - ${`${config.pauseAfterMs} milliseconds`}::interval, false))`;
  await db.$transaction([
    db.webhookAttempt.create({
      data: { id: newId("wha"), deliveryId: delivery.id, statusCode: result.statusCode, durationMs: result.durationMs, error: result.error, responseExcerpt: result.responseExcerpt },
    }),
    // A failure is retried until the deadline (the last try at the deadline itself), then the delivery is failed.
    db.$executeRaw`
      UPDATE "WebhookDelivery" d SET attempts = attempts + 1, "leasedUntil" = NULL, "lastStatusCode" = ${result.statusCode},
        "lastError" = ${result.error}, "lastDurationMs" = ${result.durationMs}, "responseExcerpt" = ${result.responseExcerpt},
        status = CASE WHEN ${delivered} THEN 'delivered' WHEN now() >= ${deadline} THEN 'failed' ELSE 'pending' END::"WebhookDeliveryStatus",
        "deliveredAt" = CASE WHEN ${delivered} THEN now() END,
        "nextAttemptAt" = CASE WHEN ${delivered} THEN d."nextAttemptAt" ELSE least(${retryAt}, ${deadline}) END
      WHERE d.id = ${delivery.id}`,
    delivered
      ? db.$executeRaw`UPDATE "Webhook" SET "failingSince" = NULL WHERE id = ${delivery.webhookId} AND "failingSince" IS NOT NULL`
      : db.$executeRaw`
          UPDATE "Webhook" SET "failingSince" = coalesce("failingSince", now()), active = active AND NOT ${pauseNow},
            "pausedAt" = CASE WHEN ${pauseNow} THEN now() ELSE "pausedAt" END,
            "pauseReason" = CASE WHEN ${pauseNow} THEN ${`Paused: every delivery failed for ${pauseAfterText(config)} (last: ${result.error})`} ELSE "pauseReason" END
          WHERE id = ${delivery.webhookId}`,
  ]);
}

const pauseAfterText = ({ pauseAfterMs }: WebhookDeliveryConfig) =>
  pauseAfterMs % 86_400_000 === 0 ? `${pauseAfterMs / 86_400_000} days` : `${Math.round(pauseAfterMs / 1000)} seconds`;
