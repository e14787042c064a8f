import { z } from "zod";

// ---- Enums ----------------------------------------------------------------

export const ZRole = z.enum(["viewer", "agent", "admin"]);
export type TRole = z.infer<typeof ZRole>;

export const ROLE_RANK = { viewer: 0, agent: 1, admin: 2 } as const satisfies Record<TRole, number>;

export const ZTicketStatus = z.enum(["new", "open", "pending", "resolved", "closed"]);
export type TTicketStatus = z.infer<typeof ZTicketStatus>;

export const ZTicketPriority = z.enum(["low", "normal", "high", "urgent"]);
export type TTicketPriority = z.infer<typeof ZTicketPriority>;

export const ZTicketType = z.enum(["question", "incident", "problem", "task"]);
export type TTicketType = z.infer<typeof ZTicketType>;

export const ZMessageType = z.enum(["request", "response", "note"]);
export type TMessageType = z.infer<typeof ZMessageType>;

export const ZDeliveryStatus = z.enum(["not_sent", "queued", "sent", "failed"]);
export type TDeliveryStatus = z.infer<typeof ZDeliveryStatus>;

export const ZSortOrder = z.enum(["asc", "desc"]);
export type TSortOrder = z.infer<typeof ZSortOrder>;

// ---- Ids ------------------------------------------------------------------

const ID_SUFFIX_MAX = 60;

// Real ids are TypeIDs (prefix + 26 base32 chars), but any well-formed suffix is accepted so that an
// unknown id is answered with 404 rather than 422.
function prefixedId(prefix: string) {
  return z
    .string()
    .max(prefix.length + 1 + ID_SUFFIX_MAX)
    .regex(new RegExp(`^${prefix}_[0-9a-z]{1,${ID_SUFFIX_MAX}}$`))
    .meta({ examples: [`${prefix}_01jxa7q6z3c4v5b6n7m8k9h0gf`] });
}

export const ZTicketId = prefixedId("tkt");
export const ZMessageId = prefixedId("msg");
export const ZUserId = prefixedId("usr");
export const ZAttachmentId = prefixedId("att");
export const ZMacroId = prefixedId("mac");
export type TTicketId = z.infer<typeof ZTicketId>;
export type TMessageId = z.infer<typeof ZMessageId>;
export type TUserId = z.infer<typeof ZUserId>;
export type TAttachmentId = z.infer<typeof ZAttachmentId>;

/** An id taken from a URL path: any malformed one simply names nothing, so it is answered 404, not 422. */
export const ZPathId = z.string().min(1).max(200);

// ---- Scalars --------------------------------------------------------------

/** ISO 8601 UTC with milliseconds and `Z`, as `Date#toISOString()` writes it. */
export const ZTimestamp = z.iso.datetime({ precision: 3 }).meta({ examples: ["2025-06-02T09:30:00.000Z"] });
export type TTimestamp = z.infer<typeof ZTimestamp>;

// `z.email()` checks the format before any `.trim()`, so the string method is used to trim first.
export const ZEmail = z.string().trim().max(254).email().meta({ examples: ["casey@example.com"] });

// No control characters: names end up in mail headers.
export const ZPersonName = z
  .string()
  .trim()
  .max(200)
  .regex(/^[^\u0000-\u001f\u007f]*$/, "Must not contain line breaks or control characters.")
  .meta({ examples: ["Casey Customer"] });

/** 1 MiB of characters: the whole JSON body is capped at 1 MiB anyway. */
export const CONTENT_MAX_CHARS = 1_048_576;

// ---- Email addresses ------------------------------------------------------

/** Request side. `name: null` is accepted so that a client can send back what a Message returned. */
export const ZEmailAddress = z.object({
  email: ZEmail.describe("Email address"),
  name: ZPersonName.nullish().describe("Display name"),
});
export type TEmailAddress = z.infer<typeof ZEmailAddress>;

/** Response side of `ccs` and `recipients`. */
export const ZRecipient = z.object({
  email: z.string().describe("Email address"),
  name: z.string().nullable().describe("Display name, or null"),
});
export type TRecipient = z.infer<typeof ZRecipient>;

// ---- Pagination -----------------------------------------------------------

/**
 * An integer that may arrive as a number (tRPC) or as a query-string string (REST). Only plain
 * digit strings are accepted: `z.coerce.number()` would turn "" into 0 and "0x10" into 16.
 * Built from a union rather than a preprocess so that it stays representable in OpenAPI.
 */
function queryInt(min: number, max: number, fallback: number) {
  const digits = z.string().regex(/^[0-9]+$/).transform(Number);
  return z
    .union([z.number(), digits], { error: "Must be a whole number." })
    .pipe(z.number().int().min(min).max(max))
    .default(fallback);
}

export const PAGE_DEFAULT = 1;
export const LIMIT_DEFAULT = 50;
export const LIMIT_MAX = 100;

export const ZPage = queryInt(1, Number.MAX_SAFE_INTEGER, PAGE_DEFAULT).describe("Page number (default: 1)");
export const ZLimit = queryInt(1, LIMIT_MAX, LIMIT_DEFAULT).describe("Results per page, 1-100 (default: 50)");

export const ZPaginationQuery = z.object({
  page: ZPage,
  limit: ZLimit,
});
export type TPaginationQuery = z.infer<typeof ZPaginationQuery>;

export const ZSortedPaginationQuery = ZPaginationQuery.extend({
  sort_order: ZSortOrder.default("asc").describe("asc or desc by creation time, ties by id (default: asc)"),
});

export const ZPagination = z.object({
  page: z.number().int().min(1).describe("The page returned"),
  limit: z.number().int().min(1).describe("Results per page"),
  total: z.number().int().min(0).describe("Results on all pages"),
  totalPages: z.number().int().min(0).describe("Number of pages"),
  hasMore: z.boolean().describe("Whether a later page has results"),
});
export type TPagination = z.infer<typeof ZPagination>;

export function paginated<TItem extends z.ZodType>(item: TItem) {
  return z.object({
    data: z.array(item),
    pagination: ZPagination,
  });
}
export type TPaginated<TItem> = { data: TItem[]; pagination: TPagination };
