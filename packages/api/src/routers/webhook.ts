import {
  ZCreateWebhookBody, ZListWebhookDeliveriesQuery, ZUpdateWebhookBody, ZWebhookDeliveryIdParam, ZWebhookIdParam,
} from "@helpdesk/validators";
import { listDeliveries, redeliver, sendTestEvent } from "../services/webhooks/deliveries.ts";
import { createWebhook, deleteWebhook, getWebhook, listWebhooks, updateWebhook } from "../services/webhooks/webhooks.ts";
import { adminProcedure, router } from "../trpc.ts";

// CONTRACT §14: every procedure is the admin's.
export const webhookRouter = router({
  list: adminProcedure.query(({ ctx }) => listWebhooks(ctx.db)),
  byId: adminProcedure.input(ZWebhookIdParam).query(({ ctx, input }) => getWebhook(ctx.db, input.webhook_id)),
  create: adminProcedure.input(ZCreateWebhookBody).mutation(({ ctx, input }) => createWebhook(ctx.db, input)),
  update: adminProcedure
    .input(ZUpdateWebhookBody.extend(ZWebhookIdParam.shape))
    .mutation(({ ctx, input: { webhook_id, ...changes } }) => updateWebhook(ctx.db, webhook_id, changes)),
  delete: adminProcedure.input(ZWebhookIdParam).mutation(({ ctx, input }) => deleteWebhook(ctx.db, input.webhook_id)),
  deliveries: adminProcedure
    .input(ZListWebhookDeliveriesQuery.extend(ZWebhookIdParam.shape))
    .query(({ ctx, input: { webhook_id, ...query } }) => listDeliveries(ctx.db, webhook_id, query)),
  redeliver: adminProcedure
    .input(ZWebhookDeliveryIdParam)
    .mutation(({ ctx, input }) => redeliver(ctx.db, input.webhook_id, input.delivery_id)),
  test: adminProcedure.input(ZWebhookIdParam).mutation(({ ctx, input }) => sendTestEvent(ctx.db, input.webhook_id)),
});
