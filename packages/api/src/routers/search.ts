import { ZSearchQuery } from "@helpdesk/validators";
import { searchTickets } from "../services/search/search.ts";
import { router, viewerProcedure } from "../trpc.ts";

export const searchRouter = router({
  /** Full-text search over tickets and every message, best first (CONTRACT §13); the twin of GET /search. */
  query: viewerProcedure.input(ZSearchQuery).query(({ ctx, input }) => searchTickets(ctx.db, input)),
});
