import { z } from "zod";
import { ZMessageId, ZPaginationQuery, paginated } from "./common.ts";
import { SEARCH_MAX_CHARS, ZTicket, ZTicketStatusFilter } from "./ticket.ts";

// ---- Requests (snake_case) -------------------------------------------------

export const ZSearchQuery = ZPaginationQuery.extend({
  q: z
    .string()
    .trim()
    .min(1)
    .max(SEARCH_MAX_CHARS)
    .describe('Words to find (stemmed: "reset links" finds "reset link"); "quoted phrases", or, and -excluded words work as in web search'),
  status: ZTicketStatusFilter.optional(),
});
export type TSearchQuery = z.output<typeof ZSearchQuery>;
export type TSearchQueryInput = z.input<typeof ZSearchQuery>;

// ---- Responses (camelCase) -------------------------------------------------

/** The markers around a matched word in a snippet; everything else in a snippet is HTML-escaped text. */
export const SNIPPET_MARK = { open: "<mark>", close: "</mark>" } as const;

export const ZSearchMatch = z.object({
  messageId: ZMessageId.describe("A message of the ticket that matches"),
  snippet: z.string().describe("Plain text around the match, HTML-escaped, with the matched words between <mark> and </mark>"),
});
export type TSearchMatch = z.infer<typeof ZSearchMatch>;

export const ZSearchHit = z.object({
  ticket: ZTicket,
  matches: z.array(ZSearchMatch).describe("Its best matching messages (at most 3), none when only the ticket's subject or requester match"),
});
export type TSearchHit = z.infer<typeof ZSearchHit>;

export const ZSearchResults = paginated(ZSearchHit);
export type TSearchResults = z.infer<typeof ZSearchResults>;
