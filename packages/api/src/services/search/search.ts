import { preparedQuery, Prisma, type Db } from "@helpdesk/db";
import { statusesOf, type TSearchHit, type TSearchQuery, type TSearchResults } from "@helpdesk/validators";
import { paginate } from "../pagination.ts";
import { toTicket, type TicketRow } from "../tickets/serialize.ts";
import { HEADLINE_OPTIONS, headlineText, toSnippet } from "./snippet.ts";

/** Snippets shown per ticket: its best matching messages. */
const MATCHES_PER_TICKET = 3;

// websearch_to_tsquery reads any text (quotes, "or", "-word") without ever failing, with the configuration the
// generated columns use (english: stemmed, stop words dropped). A query of stop words alone matches nothing.
const tsQuery = (q: string) => Prisma.sql`websearch_to_tsquery('english'::regconfig, ${q}::text)`;

type Found = TicketRow & { total: number; ticketRank: number; messageRank: number };

/**
 * One page of the tickets whose subject, requester or any message matches, best first: a ticket's own fields (subject
 * weight A, requester B) rank it before any message does, then the best message's rank, then the latest activity.
 * Both sides are bitmap scans of their GIN index, so the cost follows the number of matches, not of messages.
 */
async function findTickets(db: Db, query: TSearchQuery) {
  const offset = (query.page - 1) * query.limit;
  return preparedQuery<Found>(db, "search_tickets", Prisma.sql`
    WITH q AS (SELECT ${tsQuery(query.q)} AS query),
    hits AS (
      SELECT id, max("ticketRank") AS "ticketRank", max("messageRank") AS "messageRank" FROM (
        SELECT t.id, ts_rank(t."searchVector", q.query) AS "ticketRank", 0::real AS "messageRank"
          FROM "Ticket" t, q WHERE t."searchVector" @@ q.query
        UNION ALL
        SELECT m."ticketId", 0::real, max(ts_rank(m."searchVector", q.query))
          FROM "Message" m, q WHERE m."searchVector" @@ q.query GROUP BY m."ticketId"
      ) found GROUP BY id
    ), filtered AS (
      SELECT t.id, t.subject, t.status::text AS status, t.priority::text AS priority, t.type::text AS type, t."requesterEmail",
        t."requesterName", t."assigneeId", t.tags, t."createdAt", t."updatedAt", t."resolvedAt", t."closedAt", t."followUpOfId",
        hits."ticketRank", hits."messageRank"
      FROM hits JOIN "Ticket" t ON t.id = hits.id
      WHERE ${query.status ?? null}::text IS NULL OR t.status::text = ANY(${query.status ? statusesOf(query.status) : []}::text[])
    ), page AS (
      SELECT * FROM filtered ORDER BY "ticketRank" DESC, "messageRank" DESC, "updatedAt" DESC, id DESC
      LIMIT ${query.limit}::int OFFSET ${offset}::bigint
    )
    -- One row even past the end, to carry the total.
    SELECT (SELECT count(*) FROM filtered)::int AS total, page.* FROM (SELECT 1) AS one LEFT JOIN page ON true
    ORDER BY page."ticketRank" DESC, page."messageRank" DESC, page."updatedAt" DESC, page.id DESC`);
}

/**
 * Each ticket's best matching messages with a snippet around the match. The matches come from the GIN index first
 * and only then are kept for the page's tickets: a plan that starts from the ticket would read every message of a
 * big one (the benchmark's has a million) to find its few matches.
 */
async function findMatches(db: Db, q: string, ticketIds: string[]) {
  if (ticketIds.length === 0) return [];
  return preparedQuery<{ ticketId: string; messageId: string; headline: string }>(db, "search_matches", Prisma.sql`
    WITH q AS (SELECT ${tsQuery(q)} AS query),
    matched AS MATERIALIZED (
      SELECT m.id, m."ticketId", m."createdAt", ts_rank(m."searchVector", q.query) AS rank
      FROM "Message" m, q WHERE m."searchVector" @@ q.query
    ), best AS (
      SELECT matched.*, row_number() OVER (PARTITION BY "ticketId" ORDER BY rank DESC, "createdAt", id) AS n
      FROM matched WHERE "ticketId" = ANY(${ticketIds}::text[])
    )
    SELECT best."ticketId", best.id AS "messageId",
      ts_headline('english'::regconfig, ${headlineText(Prisma.sql`m."textContent"`)}, q.query, ${HEADLINE_OPTIONS}::text) AS headline
    FROM best JOIN "Message" m ON m.id = best.id, q
    WHERE best.n <= ${MATCHES_PER_TICKET}::int
    ORDER BY best."ticketId", best.rank DESC, best."createdAt", best.id`);
}

export async function searchTickets(db: Db, query: TSearchQuery): Promise<TSearchResults> {
  const rows = await findTickets(db, query);
  const total = rows[0]?.total ?? 0;
  const tickets = rows.filter((row) => row.id !== null).map(({ total: _total, ticketRank: _ticketRank, messageRank: _messageRank, ...ticket }) => toTicket(ticket));
  const matches = await findMatches(db, query.q, tickets.map((ticket) => ticket.id));
  const data: TSearchHit[] = tickets.map((ticket) => ({
    ticket,
    matches: matches.filter((match) => match.ticketId === ticket.id).map((match) => ({ messageId: match.messageId, snippet: toSnippet(match.headline) })),
  }));
  return paginate(data, { page: query.page, limit: query.limit, total });
}
