import { ZCreateMessageBody, ZListMessagesQuery, ZMessageIdParam, ZTicketIdParam } from "@helpdesk/validators";
import { events } from "../events/bus.ts";
import { z } from "zod";
import { createMessage, getMessage, listMessages } from "../services/messages/index.ts";
import { agentProcedure, router, viewerProcedure } from "../trpc.ts";

/** The REST adapter passes the Idempotency-Key header here; the console sends one per composed message. */
export const ZIdempotencyKey = z.object({ idempotency_key: z.string().min(1).max(255).optional() });

export const messageRouter = router({
  list: viewerProcedure.input(ZListMessagesQuery).query(({ ctx, input }) => listMessages(ctx.db, input)),
  byId: viewerProcedure.input(ZMessageIdParam).query(({ ctx, input }) => getMessage(ctx.db, input.message_id)),
  create: agentProcedure
    .input(ZCreateMessageBody.and(ZIdempotencyKey))
    .mutation(({ ctx, input: { idempotency_key, ...body } }) =>
      createMessage(ctx.db, body, { authorId: ctx.user.id, idempotencyKey: idempotency_key }),
    ),
  /** New messages on one ticket, from any server instance, as they are committed. */
  onCreated: viewerProcedure.input(ZTicketIdParam).subscription(async function* ({ ctx, input, signal }) {
    for await (const event of events(signal)) {
      if (event.kind === "message.created" && event.ticketId === input.ticket_id) yield await getMessage(ctx.db, event.messageId);
    }
  }),
});
