import { z } from "zod";
import { ZEmail, ZTimestamp } from "./common.ts";
import { PASSWORD_MAX, ZUser } from "./user.ts";

// No minimum length beyond "present": a short password is simply a wrong one (INVALID_CREDENTIALS).
export const ZSignInBody = z.object({
  email: ZEmail.describe("Sign-in email address"),
  password: z.string().min(1).max(PASSWORD_MAX).describe("Sign-in password"),
});
export type TSignInBody = z.infer<typeof ZSignInBody>;

export const ZSessionUser = ZUser.pick({ id: true, email: true, name: true, role: true });
export type TSessionUser = z.infer<typeof ZSessionUser>;

export const ZSession = z.object({
  token: z.string().describe("Session token: send it as Authorization: Bearer <token>"),
  expiresAt: ZTimestamp.describe("When the token expires (UTC)"),
  user: ZSessionUser.describe("The signed-in user"),
});
export type TSession = z.infer<typeof ZSession>;
