import { ZListOutboxQuery } from "@helpdesk/validators";
import { listOutbox } from "../services/outbox/list.ts";
import { agentProcedure, router } from "../trpc.ts";

// The console's Outbox page: agent or higher, the roles that send mail and act on a failed delivery.
export const outboxRouter = router({
  list: agentProcedure.input(ZListOutboxQuery).query(({ ctx, input }) => listOutbox(ctx.db, input)),
});
