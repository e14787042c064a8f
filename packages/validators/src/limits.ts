// The request limits of every door (REST, tRPC, next-auth, console pages), decided once (CONTRACT §4), and the
// request headers the front door sets for what runs behind it.

/** Largest JSON (or form) body any door reads. */
export const MAX_JSON_BODY_BYTES = 1024 * 1024;
/** Most calls one tRPC batch may carry; each call spends one unit of the caller's request budget. */
export const MAX_BATCH_CALLS = 20;
/** Most live subscriptions (tRPC over server-sent events) one user may hold open. */
export const MAX_LIVE_STREAMS_PER_USER = 20;
/** Default per-user request budget a minute (HELPDESK_RATE_LIMIT_PER_MINUTE overrides it). */
export const DEFAULT_REQUESTS_PER_MINUTE = 400;

/**
 * The client's address as the front door decided it (the socket's, or the nearest untrusted hop when
 * HELPDESK_TRUSTED_PROXIES names proxies). The front door always overwrites it, so no client can set it.
 */
export const CLIENT_ADDRESS_HEADER = "x-helpdesk-client-address";

/** This request's CSP nonce, set by the front door for the pages' own inline scripts (the root layout). */
export const NONCE_HEADER = "x-nonce";
