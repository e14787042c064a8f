import { ZTicketIdParam } from "@helpdesk/validators";
import { processListener } from "../events/bus.ts";
import { presence } from "../presence/instance.ts";
import { setTyping, watchInbox, watchTicket } from "../presence/streams.ts";
import { ZTypingState } from "../presence/wire.ts";
import { agentProcedure, router, viewerProcedure } from "../trpc.ts";

/** From here on this instance hears every announcement, its own included. */
async function listening(): Promise<void> {
  const listener = processListener();
  if (!listener) throw new Error("DATABASE_URL is not set");
  await listener.whenConnected();
}

export const presenceRouter = router({
  /** While open, the caller is viewing the ticket; yields the other people on it (first at once), when it changes. */
  watch: viewerProcedure.input(ZTicketIdParam).subscription(async function* ({ ctx, input, signal }) {
    await listening();
    yield* watchTicket(presence, ctx, input.ticket_id, signal);
  }),
  /** The caller is typing a reply or a note on the ticket (for a few seconds unless renewed); null: no longer. */
  typing: agentProcedure
    .input(ZTicketIdParam.extend({ state: ZTypingState }))
    .mutation(({ ctx, input }) => setTyping(presence, ctx, input.ticket_id, input.state)),
  /** Every ticket someone else has open, and who: ticket id → people. */
  inbox: viewerProcedure.subscription(async function* ({ ctx, signal }) {
    await listening();
    yield* watchInbox(presence, ctx, signal);
  }),
});
