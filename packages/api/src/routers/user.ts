import { ZCreateUserBody, ZListUsersQuery, ZUpdateUserBody, ZUserIdParam } from "@helpdesk/validators";
import { createUser, getUser, listDirectory, listUsers, updateUser } from "../services/users.ts";
import { adminProcedure, router, viewerProcedure } from "../trpc.ts";

export const userRouter = router({
  me: viewerProcedure.query(({ ctx }) => getUser(ctx.db, ctx.user.id)),
  /** Not in the REST API: names for authors and assignees in the console, for every role. */
  directory: viewerProcedure.query(({ ctx }) => listDirectory(ctx.db)),
  list: adminProcedure.input(ZListUsersQuery).query(({ ctx, input }) => listUsers(ctx.db, input)),
  create: adminProcedure.input(ZCreateUserBody).mutation(({ ctx, input }) => createUser(ctx.db, ctx.user.id, input)),
  update: adminProcedure
    .input(ZUpdateUserBody.extend(ZUserIdParam.shape))
    .mutation(({ ctx, input: { user_id, ...changes } }) => updateUser(ctx.db, ctx.user.id, user_id, changes)),
});

