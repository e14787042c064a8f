import { CLIENT_ADDRESS_HEADER } from "@helpdesk/validators";

/**
 * The address a request came from, as the front door decided it (never X-Forwarded-For, which any client can set).
 * "unknown" when no front door set one, as when tests call a handler directly: all such callers share one budget.
 */
export function clientAddress(headers: Headers): string {
  return headers.get(CLIENT_ADDRESS_HEADER)?.trim() || "unknown";
}
