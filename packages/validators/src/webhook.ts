// Webhooks (CONTRACT §14): endpoints admins register, the events they hear and the log of deliveries.
import { z } from "zod";
import { paginated, ZPaginationQuery, ZPathId, ZTimestamp } from "./common.ts";

export const WEBHOOK_EVENTS = ["message.created", "ticket.created", "ticket.updated", "message.delivery_failed"] as const;
export const ZWebhookEventType = z.enum(WEBHOOK_EVENTS);
export type TWebhookEventType = z.infer<typeof ZWebhookEventType>;
/** The event "Send test event" posts; nobody subscribes to it. */
export const WEBHOOK_TEST_EVENT = "webhook.test";

export const WEBHOOK_URL_MAX = 2000;

const ZWebhookUrl = z
  .string()
  .trim()
  .max(WEBHOOK_URL_MAX)
  .refine((value) => /^https?:$/.test(URL.parse(value)?.protocol ?? ""), "Must be an http:// or https:// URL.")
  .describe("Where events are POSTed: an http(s) URL on a public address")
  // A documentation address (RFC 5737): the route tests build bodies from examples, and must send nothing anywhere.
  .meta({ examples: ["https://192.0.2.10/hooks/helpdesk"] });

const ZWebhookEvents = z
  .array(ZWebhookEventType)
  .min(1)
  .max(WEBHOOK_EVENTS.length * 4)
  .transform((events) => [...new Set(events)])
  .describe("The events it hears");

// ---- Requests (snake_case) -------------------------------------------------

export const ZWebhookIdParam = z.object({ webhook_id: ZPathId });
export const ZWebhookDeliveryIdParam = ZWebhookIdParam.extend({ delivery_id: ZPathId });

export const ZCreateWebhookBody = z.object({
  url: ZWebhookUrl,
  events: ZWebhookEvents,
  active: z.boolean().default(true).describe("false: events are not sent to it (default: true)"),
});
export type TCreateWebhookBody = z.infer<typeof ZCreateWebhookBody>;

export const ZUpdateWebhookBody = z.object({
  url: ZWebhookUrl.optional(),
  events: ZWebhookEvents.optional(),
  active: z.boolean().optional().describe("true also resumes an endpoint paused for failing"),
});
export type TUpdateWebhookBody = z.infer<typeof ZUpdateWebhookBody>;

export const ZListWebhookDeliveriesQuery = ZPaginationQuery;
export type TListWebhookDeliveriesQuery = z.infer<typeof ZListWebhookDeliveriesQuery>;

// ---- Responses (camelCase) -------------------------------------------------

export const ZWebhook = z.object({
  id: z.string().describe("Unique identifier (whk_…)"),
  url: z.string().describe("Where events are POSTed"),
  events: z.array(ZWebhookEventType).describe("The events it hears"),
  active: z.boolean().describe("Whether events are sent to it"),
  failingSince: ZTimestamp.nullable().describe("Start of the current run of failed deliveries; null after a success"),
  pausedAt: ZTimestamp.nullable().describe("When it was paused for failing 3 days in a row (then active is false)"),
  pauseReason: z.string().nullable().describe("Why it was paused"),
  createdAt: ZTimestamp.describe("Creation time (UTC)"),
  updatedAt: ZTimestamp.describe("Last update time (UTC)"),
});
export type TWebhook = z.infer<typeof ZWebhook>;

export const ZCreatedWebhook = ZWebhook.extend({
  secret: z.string().describe("Signing secret: shown in this answer only"),
});
export type TCreatedWebhook = z.infer<typeof ZCreatedWebhook>;

export const ZWebhookList = z.object({ data: z.array(ZWebhook).describe("Every endpoint, oldest first") });
export type TWebhookList = z.infer<typeof ZWebhookList>;

export const ZWebhookAttempt = z.object({
  statusCode: z.number().int().nullable().describe("The endpoint's HTTP status; null when there was no answer"),
  durationMs: z.number().int().describe("Time to the answer (or the failure)"),
  error: z.string().nullable().describe("Why the attempt failed; null for a 2xx"),
  responseExcerpt: z.string().nullable().describe("The first 4 KiB of the answer"),
  createdAt: ZTimestamp.describe("When the attempt ended"),
});

export const ZWebhookDelivery = z.object({
  id: z.string().describe("Unique identifier (whd_…)"),
  webhookId: z.string(),
  eventId: z.string().describe("The event's id (evt_…), the same on every attempt and redelivery"),
  eventType: z.string().describe("message.created, ticket.created, ticket.updated, message.delivery_failed or webhook.test"),
  status: z.enum(["pending", "delivered", "failed", "cancelled"]).describe("cancelled: the message was withdrawn (undo send) before it was announced"),
  attemptCount: z.number().int(),
  nextAttemptAt: ZTimestamp.nullable().describe("When it is tried next, while pending"),
  deliveredAt: ZTimestamp.nullable(),
  createdAt: ZTimestamp,
  attempts: z.array(ZWebhookAttempt).describe("Every attempt, newest first"),
});
export type TWebhookDelivery = z.infer<typeof ZWebhookDelivery>;

export const ZWebhookDeliveryList = paginated(ZWebhookDelivery);
export type TWebhookDeliveryList = z.infer<typeof ZWebhookDeliveryList>;
