import { z } from "zod";
import { ZEmail, ZPaginationQuery, ZPathId, ZRole, ZTimestamp, ZUserId, paginated } from "./common.ts";

export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 200;

const ZUserName = z.string().trim().min(1).max(200);

// ---- Requests (snake_case) -------------------------------------------------

export const ZUserIdParam = z.object({ user_id: ZPathId });
export type TUserIdParam = z.infer<typeof ZUserIdParam>;

export const ZCreateUserBody = z.object({
  email: ZEmail,
  name: ZUserName,
  password: z.string().min(PASSWORD_MIN).max(PASSWORD_MAX),
  role: ZRole,
});
export type TCreateUserBody = z.infer<typeof ZCreateUserBody>;

export const ZUpdateUserBody = z.object({
  name: ZUserName.optional(),
  role: ZRole.optional(),
  active: z.boolean().optional(),
});
export type TUpdateUserBody = z.infer<typeof ZUpdateUserBody>;

export const ZListUsersQuery = ZPaginationQuery;
export type TListUsersQuery = z.output<typeof ZListUsersQuery>;
export type TListUsersQueryInput = z.input<typeof ZListUsersQuery>;

// ---- Responses (camelCase) -------------------------------------------------

export const ZUser = z.object({
  id: ZUserId,
  email: z.string(),
  name: z.string(),
  role: ZRole,
  active: z.boolean(),
  createdAt: ZTimestamp,
});
export type TUser = z.infer<typeof ZUser>;

export const ZUserList = paginated(ZUser);
export type TUserList = z.infer<typeof ZUserList>;
