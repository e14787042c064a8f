// Admins' webhook endpoints (CONTRACT §14). The signing secret is made here and answered once, by the create; it is
// stored as is, since every delivery needs it to sign.
import { newId, Prisma, type Db } from "@helpdesk/db";
import type { TCreatedWebhook, TCreateWebhookBody, TUpdateWebhookBody, TWebhook, TWebhookEventType } from "@helpdesk/validators";
import { AppError, notFound } from "../../errors.ts";
import { resolveTarget, TargetRefused } from "../../webhooks/address.ts";
import { newWebhookSecret } from "../../webhooks/signature.ts";

const webhookSelect = {
  id: true, url: true, events: true, active: true, failingSince: true, pausedAt: true, pauseReason: true, createdAt: true, updatedAt: true,
} satisfies Prisma.WebhookSelect;
type WebhookRow = Prisma.WebhookGetPayload<{ select: typeof webhookSelect }>;

const iso = (date: Date | null) => date?.toISOString() ?? null;

function toWebhook(row: WebhookRow): TWebhook {
  return {
    ...row,
    events: row.events as TWebhookEventType[],
    failingSince: iso(row.failingSince),
    pausedAt: iso(row.pausedAt),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** The URL must reach a public address now (its name resolved); it is checked again at every delivery. */
async function assertReachable(url: string): Promise<void> {
  try {
    await resolveTarget(url);
  } catch (error) {
    if (!(error instanceof TargetRefused)) throw error;
    throw new AppError("VALIDATION_ERROR", "This URL cannot receive webhooks.", { url: [{ code: "INVALID", message: `${error.message}.` }] });
  }
}

export async function listWebhooks(db: Db): Promise<{ data: TWebhook[] }> {
  const rows = await db.webhook.findMany({ select: webhookSelect, orderBy: { id: "asc" } });
  return { data: rows.map(toWebhook) };
}

export async function getWebhook(db: Db, id: string): Promise<TWebhook> {
  const row = await db.webhook.findUnique({ where: { id }, select: webhookSelect });
  if (!row) throw notFound("Webhook", id);
  return toWebhook(row);
}

export async function createWebhook(db: Db, input: TCreateWebhookBody): Promise<TCreatedWebhook> {
  await assertReachable(input.url);
  const secret = newWebhookSecret();
  const row = await db.webhook.create({ data: { id: newId("whk"), url: input.url, events: input.events, active: input.active, secret }, select: webhookSelect });
  return { ...toWebhook(row), secret };
}

export async function updateWebhook(db: Db, id: string, input: TUpdateWebhookBody): Promise<TWebhook> {
  if (input.url !== undefined) await assertReachable(input.url);
  // Turning an endpoint on (a paused one included) starts its failure count afresh.
  const resumed = input.active ? { pausedAt: null, pauseReason: null, failingSince: null } : {};
  try {
    const row = await db.webhook.update({ where: { id }, data: { url: input.url, events: input.events, active: input.active, ...resumed }, select: webhookSelect });
    return toWebhook(row);
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2025") throw notFound("Webhook", id);
    throw error;
  }
}

/** Its deliveries go with it; events other endpoints hear stay. */
export async function deleteWebhook(db: Db, id: string): Promise<void> {
  const { count } = await db.webhook.deleteMany({ where: { id } });
  if (count === 0) throw notFound("Webhook", id);
}
