export {
  authenticate, loadSessionUser, sessionClaimsFrom, sessionTokenFrom, type Authentication, type SessionUser,
} from "./authenticate.ts";
export {
  signIn, revokeSessions, MAX_FAILED_SIGN_INS, MAX_FAILED_SIGN_INS_PER_EMAIL, FAILED_SIGN_IN_WINDOW_SECONDS, type SignInResult,
} from "./sign-in.ts";
export { issueSessionToken, readSessionToken, SESSION_MAX_AGE_SECONDS, SESSION_COOKIE_NAMES, type SessionClaims } from "./tokens.ts";
export { sessionUsers, SessionUserCache, USER_CHANGES_CHANNEL, type SessionUserRow } from "./session-users.ts";
export { hashPassword, verifyPassword } from "./password.ts";
export { getAuthSecret, ensureDevAuthSecret } from "./secret.ts";
export { createAuthOptions, type AuthOptionsInput } from "./next-auth-options.ts";
