import { ZCreateMessageBody, ZListMessagesQuery, ZMessageIdParam, ZTicketIdParam } from "@helpdesk/validators";
import type { HelpdeskEvent } from "../events/bus.ts";
import { eventsFor } from "../events/subscriber.ts";
import { z } from "zod";
import { messageOriginal } from "../inbound/admin.ts";
import { createMessage, getMessage, listMessages, undoMessage } from "../services/messages/index.ts";
import { getAttachmentStorage } from "../storage/index.ts";
import { agentProcedure, router, viewerProcedure } from "../trpc.ts";

/** The REST adapter passes the Idempotency-Key header here; the console sends one per composed message. */
export const ZIdempotencyKey = z.object({ idempotency_key: z.string().min(1).max(255).optional() });

type MessageCreated = Extract<HelpdeskEvent, { kind: "message.created" }>;

export const messageRouter = router({
  list: viewerProcedure.input(ZListMessagesQuery).query(({ ctx, input }) => listMessages(ctx.db, input)),
  byId: viewerProcedure.input(ZMessageIdParam).query(({ ctx, input }) => getMessage(ctx.db, input.message_id)),
  /** The mail a message came from, as a stream for the REST adapter's `GET /messages/:id/original`. */
  original: viewerProcedure.input(ZMessageIdParam).query(({ ctx, input }) => messageOriginal(ctx.db, getAttachmentStorage(), input.message_id)),
  create: agentProcedure
    .input(ZCreateMessageBody.and(ZIdempotencyKey))
    .mutation(({ ctx, input: { idempotency_key, ...body } }) =>
      createMessage(ctx.db, body, { authorId: ctx.user.id, source: ctx.source, idempotencyKey: idempotency_key }),
    ),
  /** Takes back a response within its undo window (CONTRACT §12): answers the withdrawn message. */
  undo: agentProcedure.input(ZMessageIdParam).mutation(({ ctx, input }) => undoMessage(ctx.db, input.message_id, ctx.user.id)),
  /** New messages on one ticket, from any server instance, as they are committed. */
  onCreated: viewerProcedure.input(ZTicketIdParam).subscription(async function* ({ ctx, input, signal }) {
    const onThisTicket = (event: HelpdeskEvent): event is MessageCreated => event.kind === "message.created" && event.ticketId === input.ticket_id;
    for await (const event of eventsFor(ctx, signal, onThisTicket)) yield await getMessage(ctx.db, event.messageId);
  }),
});
