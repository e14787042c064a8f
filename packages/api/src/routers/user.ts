import { ZCreateUserBody, ZListUsersQuery, ZUpdateUserBody, ZUserIdParam } from "@helpdesk/validators";
import { createUser, getUser, listUsers, updateUser } from "../services/users.ts";
import { adminProcedure, router, viewerProcedure } from "../trpc.ts";

export const userRouter = router({
  me: viewerProcedure.query(({ ctx }) => getUser(ctx.db, ctx.user.id)),
  list: adminProcedure.input(ZListUsersQuery).query(({ ctx, input }) => listUsers(ctx.db, input)),
  create: adminProcedure.input(ZCreateUserBody).mutation(({ ctx, input }) => createUser(ctx.db, ctx.user.id, input)),
  update: adminProcedure
    .input(ZUpdateUserBody.extend(ZUserIdParam.shape))
    .mutation(({ ctx, input: { user_id, ...changes } }) => updateUser(ctx.db, ctx.user.id, user_id, changes)),
});

