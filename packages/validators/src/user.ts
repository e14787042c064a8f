import { z } from "zod";
import { ZEmail, ZPaginationQuery, ZPathId, ZRole, ZTimestamp, ZUserId, paginated } from "./common.ts";

export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 200;

const ZUserName = z.string().trim().min(1).max(200);

// ---- Requests (snake_case) -------------------------------------------------

export const ZUserIdParam = z.object({ user_id: ZPathId });
export type TUserIdParam = z.infer<typeof ZUserIdParam>;

export const ZCreateUserBody = z.object({
  email: ZEmail.describe("Sign-in email address; unique"),
  name: ZUserName.describe("Display name"),
  password: z.string().min(PASSWORD_MIN).max(PASSWORD_MAX).describe("Sign-in password, at least 8 characters"),
  role: ZRole.describe("viewer, agent, or admin"),
});
export type TCreateUserBody = z.infer<typeof ZCreateUserBody>;

export const ZUpdateUserBody = z.object({
  name: ZUserName.optional().describe("Display name"),
  role: ZRole.optional().describe("viewer, agent, or admin; takes effect on the user's next request"),
  active: z.boolean().optional().describe("false deactivates the user: their tokens are refused from the next request"),
});
export type TUpdateUserBody = z.infer<typeof ZUpdateUserBody>;

export const ZListUsersQuery = ZPaginationQuery;
export type TListUsersQuery = z.output<typeof ZListUsersQuery>;
export type TListUsersQueryInput = z.input<typeof ZListUsersQuery>;

// ---- Responses (camelCase) -------------------------------------------------

export const ZUser = z.object({
  id: ZUserId.describe("Unique identifier"),
  email: z.string().describe("Sign-in email address"),
  name: z.string().describe("Display name"),
  role: ZRole.describe("viewer, agent, or admin"),
  active: z.boolean().describe("Whether the user may sign in"),
  createdAt: ZTimestamp.describe("Creation time (UTC)"),
});
export type TUser = z.infer<typeof ZUser>;

export const ZUserList = paginated(ZUser);
export type TUserList = z.infer<typeof ZUserList>;
