// --large: EXPLAIN (ANALYZE, BUFFERS) of the queries that must not scan the big tables: the message list's last page
// of the 1,000,000-message ticket and the inbox (GET /tickets) by default, by status and by assignee, on 100,000+
// tickets. The SQL is reproduced here in the shape the app sends it (read.ts' listMessages statement as of 8dda4b1:
// a page past the middle is read backwards; the inbox's count and page as Prisma 7 writes them for listTickets'
// where/orderBy/skip/take): when either changes, change it here too. Prints each plan and stores which tables were
// read by a sequential scan.
import pg from "pg";
import { LARGE_TICKET_MESSAGES, SEARCH_WORD } from "./seed-large.ts";

const PAGE_SIZE = 50;

const MESSAGE_COLUMNS = `m.id, m."ticketId", m.type::text AS type, m.content, m."textContent", m."authorId", m."fromEmail",
  m."fromName", m.source::text AS source, m.ccs, m.recipients, m."isForward", m."deliveryStatus"::text AS "deliveryStatus",
  m."createdAt", m."updatedAt", coalesce(a.list, '[]'::json) AS attachments, e.attempts, e."lastError"`;
const MESSAGE_JOINS = `LEFT JOIN LATERAL (
    SELECT json_agg(json_build_object('id', id, 'name', name, 'size', size, 'contentType', "contentType") ORDER BY "createdAt", id) AS list
    FROM "Attachment" WHERE "messageId" = m.id) a ON true
  LEFT JOIN LATERAL (SELECT attempts, "lastError" FROM "OutgoingEmail" WHERE "messageId" = m.id ORDER BY "createdAt", id LIMIT 1) e ON true`;
const MESSAGE_PAGE = `SELECT t."messageCount" AS total, p.* FROM "Ticket" t
  LEFT JOIN LATERAL (
    SELECT ${MESSAGE_COLUMNS}
    FROM (
      (SELECT id FROM "Message" WHERE "ticketId" = t.id AND $2::int * 2 <= t."messageCount"
        ORDER BY "createdAt" ASC, id ASC OFFSET $2::int LIMIT $3::int)
      UNION ALL
      (SELECT id FROM "Message" WHERE "ticketId" = t.id AND $2::int * 2 > t."messageCount"
        ORDER BY "createdAt" DESC, id DESC
        OFFSET greatest(t."messageCount" - $2::int - $3::int, 0) LIMIT greatest(least($3::int, t."messageCount" - $2::int), 0))
    ) page
    JOIN "Message" m ON m.id = page.id ${MESSAGE_JOINS}
  ) p ON true
  WHERE t.id = $1
  ORDER BY p."createdAt" ASC, p.id ASC`;

const TICKET_COLUMNS = ["id", "subject", "status", "priority", "type", "requesterEmail", "requesterName", "assigneeId", "tags",
  "createdAt", "updatedAt", "resolvedAt", "closedAt", "followUpOfId"].map((column) => `"t0"."${column}"`).join(", ");
// GET /tickets sorts ascending by default (sort_order), 50 a page (limit).
const inboxCount = (where: string) =>
  `SELECT COUNT(*) AS "_count$_all" FROM (SELECT "t0"."id" FROM "public"."Ticket" AS "t0" WHERE ${where} OFFSET $1) AS "sub"`;
const inboxPage = (where: string) =>
  `SELECT ${TICKET_COLUMNS} FROM "public"."Ticket" AS "t0" WHERE ${where} ORDER BY "t0"."updatedAt" ASC, "t0"."id" ASC LIMIT $1 OFFSET $2`;

// GET /search's ticket page as services/search/search.ts sends it (f0c1e58): both GIN indexes, then the page.
const SEARCH_PAGE = `WITH q AS (SELECT websearch_to_tsquery('english'::regconfig, $1::text) AS query),
  hits AS (
    SELECT id, max("ticketRank") AS "ticketRank", max("messageRank") AS "messageRank" FROM (
      SELECT t.id, ts_rank(t."searchVector", q.query) AS "ticketRank", 0::real AS "messageRank"
        FROM "Ticket" t, q WHERE t."searchVector" @@ q.query
      UNION ALL
      SELECT m."ticketId", 0::real, max(ts_rank(m."searchVector", q.query))
        FROM "Message" m, q WHERE m."searchVector" @@ q.query GROUP BY m."ticketId"
    ) found GROUP BY id
  ), filtered AS (
    SELECT t.*, hits."ticketRank", hits."messageRank" FROM hits JOIN "Ticket" t ON t.id = hits.id
    WHERE $2::text IS NULL OR t.status::text = ANY(ARRAY[$2::text])
  ), page AS (
    SELECT * FROM filtered ORDER BY "ticketRank" DESC, "messageRank" DESC, "updatedAt" DESC, id DESC LIMIT $3::int OFFSET 0
  )
  SELECT (SELECT count(*) FROM filtered)::int AS total, page.* FROM (SELECT 1) AS one LEFT JOIN page ON true`;

// Its snippets for the page's tickets, as findMatches sends them: the matches from the GIN index first, then the page's.
const SEARCH_MATCHES = `WITH q AS (SELECT websearch_to_tsquery('english'::regconfig, $1::text) AS query),
  matched AS MATERIALIZED (
    SELECT m.id, m."ticketId", m."createdAt", ts_rank(m."searchVector", q.query) AS rank
    FROM "Message" m, q WHERE m."searchVector" @@ q.query
  ), best AS (
    SELECT matched.*, row_number() OVER (PARTITION BY "ticketId" ORDER BY rank DESC, "createdAt", id) AS n
    FROM matched WHERE "ticketId" = ANY($2::text[])
  )
  SELECT best."ticketId", best.id AS "messageId", ts_headline('english'::regconfig, m."textContent", q.query) AS headline
  FROM best JOIN "Message" m ON m.id = best.id, q WHERE best.n <= 3
  ORDER BY best."ticketId", best.rank DESC, best."createdAt", best.id`;

export interface PlanSummary {
  query: string;
  executionMs: number;
  /** Tables read by a sequential scan (the goal: none of Message or Ticket). */
  sequentialScans: string[];
}

export async function explainLargeQueries(databaseUrl: string, largeTicketId: string, agentId: string): Promise<PlanSummary[]> {
  const lastPageOffset = (Math.ceil(LARGE_TICKET_MESSAGES / PAGE_SIZE) - 1) * PAGE_SIZE;
  const byStatus = `"t0"."status" = CAST($3::text AS "public"."TicketStatus")`;
  const byAssignee = `"t0"."assigneeId" = $3`;
  const queries: [string, string, unknown[]][] = [
    ["message list, last page of 1,000,000", MESSAGE_PAGE, [largeTicketId, lastPageOffset, PAGE_SIZE]],
    ["inbox count (GET /tickets)", inboxCount("1=1"), [0]],
    ["inbox page 1 (GET /tickets)", inboxPage("1=1"), [PAGE_SIZE, 0]],
    ["inbox count, status=pending", inboxCount(byStatus.replace("$3", "$2")), [0, "pending"]],
    ["inbox page 1, status=pending", inboxPage(byStatus), [PAGE_SIZE, 0, "pending"]],
    ["inbox count, assignee_id=agent", inboxCount(byAssignee.replace("$3", "$2")), [0, agentId]],
    ["inbox page 1, assignee_id=agent", inboxPage(byAssignee), [PAGE_SIZE, 0, agentId]],
    [`search (GET /search?q=${SEARCH_WORD})`, SEARCH_PAGE, [SEARCH_WORD, null, PAGE_SIZE]],
    [`search snippets (GET /search?q=${SEARCH_WORD})`, SEARCH_MATCHES, [SEARCH_WORD, [largeTicketId]]],
  ];
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const summaries: PlanSummary[] = [];
    for (const [query, sql, params] of queries) {
      const result = await client.query<{ "QUERY PLAN": string }>(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`, params);
      const plan = result.rows.map((row) => row["QUERY PLAN"]);
      console.log(`\n  EXPLAIN (ANALYZE, BUFFERS): ${query}\n${plan.map((line) => `    ${line}`).join("\n")}`);
      summaries.push({
        query,
        executionMs: Number(/Execution Time: ([\d.]+) ms/.exec(plan.join("\n"))?.[1] ?? Number.NaN),
        sequentialScans: [...new Set(plan.flatMap((line) => /Seq Scan on "?(\w+)"?/.exec(line)?.[1] ?? []))],
      });
    }
    return summaries;
  } finally {
    await client.end();
  }
}
