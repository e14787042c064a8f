import { ZSaveDraftBody, ZTicketIdParam } from "@helpdesk/validators";
import { discardDraft, getDraft, saveDraft } from "../services/drafts/index.ts";
import { agentProcedure, router } from "../trpc.ts";

/** The caller's own draft on a ticket (CONTRACT §12): nobody else reads or writes it, so it is always ctx.user's. */
export const draftRouter = router({
  get: agentProcedure.input(ZTicketIdParam).query(({ ctx, input }) => getDraft(ctx.db, { userId: ctx.user.id, ticketId: input.ticket_id })),
  save: agentProcedure
    .input(ZSaveDraftBody.extend(ZTicketIdParam.shape))
    .mutation(({ ctx, input: { ticket_id, ...body } }) => saveDraft(ctx.db, { userId: ctx.user.id, ticketId: ticket_id }, body)),
  discard: agentProcedure
    .input(ZTicketIdParam)
    .mutation(({ ctx, input }) => discardDraft(ctx.db, { userId: ctx.user.id, ticketId: input.ticket_id })),
});
