// `pnpm bench --large`: beside the usual data, one ticket with 1,000,000 messages, one with 10 (the page-load
// comparison), and 100,000 more tickets for the inbox (every status, a third assigned to the agent), in raw SQL.
import pg from "pg";
import { countMessages, insertConversations } from "./seed.ts";
import { withTypeIds } from "./typeid-sql.ts";

export const LARGE_TICKET_MESSAGES = 1_000_000;
export const SHORT_TICKET_MESSAGES = 10;
export const INBOX_TICKETS = 100_000;
/** A word that --large's search (large_search) finds in a few of the 1,000,000 messages and nowhere else. */
export const SEARCH_WORD = "zebracorn";
export const SEARCH_WORD_MESSAGES = 5;

export interface LargeData {
  largeTicketId: string;
  shortTicketId: string;
}

const INSERT_TICKETS = `
  INSERT INTO "Ticket" (id, subject, status, priority, type, "requesterEmail", "requesterName", "assigneeId", tags,
    "createdAt", "updatedAt")
  SELECT id, subject, status::"TicketStatus", 'normal', 'question', 'inbox' || n || '@example.com', 'Inbox customer ' || n,
    CASE WHEN n % 3 = 0 THEN $1 END, ARRAY['bench'], at, at
  FROM (${withTypeIds("tkt", `SELECT n, $2::text || ' ' || n AS subject,
          (ARRAY['new', 'open', 'pending', 'resolved', 'closed'])[n % 5 + 1] AS status,
          $3::timestamptz + n * interval '10 seconds' AS at
        FROM generate_series(1, $4::int) AS n`)}) AS t
  RETURNING id`;

export async function seedLargeData(databaseUrl: string, agentId: string): Promise<LargeData> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const start = new Date(Date.now() - 30 * 24 * 3_600_000);
    const one = async (subject: string) => (await client.query<{ id: string }>(INSERT_TICKETS, [agentId, subject, start, 1])).rows[0]?.id ?? "";
    const largeTicketId = await one("A million messages");
    const shortTicketId = await one("Ten messages");
    // One a second from the ticket's creation on (about 11.6 days).
    await insertConversations(client, "t.id = $1", [largeTicketId], agentId, LARGE_TICKET_MESSAGES, "1 second");
    await insertConversations(client, "t.id = $1", [shortTicketId], agentId, SHORT_TICKET_MESSAGES, "1 minute");
    await countMessages(client, "t.id IN ($1, $2)", [largeTicketId, shortTicketId]);
    await client.query(`UPDATE "Message" SET "textContent" = "textContent" || ' ' || $2 WHERE id IN (
      SELECT id FROM "Message" WHERE "ticketId" = $1 ORDER BY "createdAt", id OFFSET 500000 LIMIT $3)`, [largeTicketId, SEARCH_WORD, SEARCH_WORD_MESSAGES]);
    await client.query(INSERT_TICKETS, [agentId, "Inbox ticket", start, INBOX_TICKETS]);
    await client.query(`VACUUM (ANALYZE) "Ticket", "Message"`);
    return { largeTicketId, shortTicketId };
  } finally {
    await client.end();
  }
}
