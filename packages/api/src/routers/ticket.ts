import { ZBulkUpdateTicketsBody, ZCreateTicketBody, ZListTicketsQuery, ZTicketIdParam, ZUpdateTicketBody } from "@helpdesk/validators";
import type { HelpdeskEvent } from "../events/bus.ts";
import { eventsFor } from "../events/subscriber.ts";
import { bulkUpdateTickets } from "../services/tickets/bulk.ts";
import { listTicketEvents } from "../services/tickets/events.ts";
import { ticketCounts } from "../services/tickets/counts.ts";
import { createTicket, getTicket, listTickets, updateTicket } from "../services/tickets/tickets.ts";
import { agentProcedure, router, viewerProcedure } from "../trpc.ts";

export const ticketRouter = router({
  list: viewerProcedure.input(ZListTicketsQuery).query(({ ctx, input }) => listTickets(ctx.db, input, ctx.user.id)),
  /** The queues' sizes for the caller (CONTRACT §13). */
  counts: viewerProcedure.query(({ ctx }) => ticketCounts(ctx.db, ctx.user.id)),
  byId: viewerProcedure.input(ZTicketIdParam).query(({ ctx, input }) => getTicket(ctx.db, input.ticket_id)),
  /** The ticket's activity: changes of its fields and withdrawn replies, oldest first (CONTRACT §12). */
  events: viewerProcedure.input(ZTicketIdParam).query(({ ctx, input }) => listTicketEvents(ctx.db, input.ticket_id)),
  create: agentProcedure.input(ZCreateTicketBody).mutation(({ ctx, input }) => createTicket(ctx.db, { authorId: ctx.user.id, source: ctx.source }, input)),
  update: agentProcedure
    .input(ZUpdateTicketBody.extend(ZTicketIdParam.shape))
    .mutation(({ ctx, input: { ticket_id, ...changes } }) => updateTicket(ctx.db, ticket_id, changes, ctx.user.id)),
  /** The same changes to several tickets at once; closed and unknown ones are listed as refused (issue 13 item 6). */
  bulkUpdate: agentProcedure.input(ZBulkUpdateTicketsBody).mutation(({ ctx, input }) => bulkUpdateTickets(ctx.db, input, ctx.user.id)),
  /** Ids of tickets that changed (a field or a new message), for inboxes to refresh; with ticket_id, that one only. */
  onChanged: viewerProcedure.input(ZTicketIdParam.partial().optional()).subscription(async function* ({ ctx, input, signal }) {
    const wanted = (event: HelpdeskEvent): event is HelpdeskEvent => !input?.ticket_id || event.ticketId === input.ticket_id;
    for await (const event of eventsFor(ctx, signal, wanted)) yield { ticketId: event.ticketId };
  }),
});
