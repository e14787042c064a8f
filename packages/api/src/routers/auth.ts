import { ZSignInBody } from "@helpdesk/validators";
import { clientAddress } from "../limits/client-address.ts";
import { createSession, deleteSessions } from "../services/users.ts";
import { publicProcedure, router, viewerProcedure } from "../trpc.ts";

export const authRouter = router({
  createSession: publicProcedure.input(ZSignInBody).mutation(({ ctx, input }) => createSession(ctx.db, input, clientAddress(ctx.headers))),
  deleteSession: viewerProcedure.mutation(({ ctx }) => deleteSessions(ctx.db, ctx.user.id)),
});
