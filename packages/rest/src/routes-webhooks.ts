// CONTRACT §14, webhooks: admins' endpoints, their delivery log, redelivery and the test event. Part of the route
// table in routes.ts.
import {
  ZCreatedWebhook, ZCreateWebhookBody, ZListWebhookDeliveriesQuery, ZUpdateWebhookBody, ZWebhook, ZWebhookDelivery,
  ZWebhookDeliveryIdParam, ZWebhookDeliveryList, ZWebhookIdParam, ZWebhookList,
} from "@helpdesk/validators";
import { raw, type Route } from "./route.ts";

const SIGNING =
  "Each event is POSTed as `{ \"id\": \"evt_…\", \"type\", \"createdAt\", \"data\" }` (`data`: the Message or Ticket as " +
  "this API answers it) with `Helpdesk-Event-Id` and `Helpdesk-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of " +
  "\"<t>.<raw body>\" keyed with the secret>`. A non-2xx answer (redirects are not followed), or none within 10 s, is " +
  "retried with exponential backoff for 24 hours under the same event id; an endpoint failing for 3 days is paused.";

export const webhookRoutes: Route[] = [
  {
    method: "GET", path: "/webhooks", tag: "Webhooks", summary: "List webhook endpoints", role: "admin",
    response: ZWebhookList, call: (c) => c.webhook.list(),
  },
  {
    method: "POST", path: "/webhooks", tag: "Webhooks", summary: "Create a webhook endpoint", role: "admin",
    description: `The answer holds the signing \`secret\`, the only time it is shown. ${SIGNING} Only http(s) URLs on ` +
      "public addresses (checked after resolving the name, and again at every delivery): a private, loopback or " +
      "link-local one answers `422` at `url` unless the server sets `HELPDESK_WEBHOOKS_ALLOW_PRIVATE=1`.",
    body: ZCreateWebhookBody, status: 201, response: ZCreatedWebhook,
    call: (c, i) => c.webhook.create(raw(i)), location: (w) => `/webhooks/${w.id}`,
  },
  {
    method: "GET", path: "/webhooks/:webhook_id", tag: "Webhooks", summary: "Retrieve a webhook endpoint", role: "admin",
    params: ZWebhookIdParam, response: ZWebhook, errors: ["NOT_FOUND"], call: (c, i) => c.webhook.byId(raw(i)),
  },
  {
    method: "PATCH", path: "/webhooks/:webhook_id", tag: "Webhooks", summary: "Update a webhook endpoint", role: "admin",
    description: "`active: true` also resumes an endpoint paused for failing; its waiting deliveries then go out.",
    params: ZWebhookIdParam, body: ZUpdateWebhookBody, response: ZWebhook, errors: ["NOT_FOUND"], call: (c, i) => c.webhook.update(raw(i)),
  },
  {
    method: "DELETE", path: "/webhooks/:webhook_id", tag: "Webhooks", summary: "Delete a webhook endpoint", role: "admin",
    params: ZWebhookIdParam, status: 204, errors: ["NOT_FOUND"], call: (c, i) => c.webhook.delete(raw(i)),
  },
  {
    method: "GET", path: "/webhooks/:webhook_id/deliveries", tag: "Webhooks", summary: "An endpoint's delivery log", role: "admin",
    description: "Newest first; each delivery with its attempts (status code, duration, error, the first 4 KiB of the answer).",
    params: ZWebhookIdParam, query: ZListWebhookDeliveriesQuery, response: ZWebhookDeliveryList, errors: ["NOT_FOUND"],
    call: (c, i) => c.webhook.deliveries(raw(i)),
  },
  {
    method: "POST", path: "/webhooks/:webhook_id/deliveries/:delivery_id/redeliver", tag: "Webhooks", summary: "Send a delivery again", role: "admin",
    description: "Queues a new delivery of the same event: the same id and body, signed anew.",
    params: ZWebhookDeliveryIdParam, status: 202, response: ZWebhookDelivery, errors: ["NOT_FOUND"],
    call: (c, i) => c.webhook.redeliver(raw(i)),
  },
  {
    method: "POST", path: "/webhooks/:webhook_id/test", tag: "Webhooks", summary: "Send a test event", role: "admin",
    description: "Queues a `webhook.test` event (`data: { webhookId, message }`) to this endpoint alone, whatever events " +
      "it hears and even while it is paused; it shows in the delivery log like any other.",
    params: ZWebhookIdParam, status: 202, response: ZWebhookDelivery, errors: ["NOT_FOUND"],
    call: (c, i) => c.webhook.test(raw(i)),
  },
];
