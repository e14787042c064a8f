// The bench data, written with raw SQL (generate_series) in a few seconds: one agent, 1,000 open tickets of which
// one holds a 10,000-message conversation and the other 999 hold 5 messages each. Ids are real TypeIDs (a UUIDv7
// carrying the row's createdAt, in base32) made in SQL (typeid-sql.ts), so ids sort like their createdAt, as the app's do.
import { hashPassword } from "@helpdesk/auth";
import pg from "pg";
import { TypeID } from "typeid-js";
import { withTypeIds } from "./typeid-sql.ts";

export const BIG_TICKET_MESSAGES = 10_000;
export const TICKETS = 1_000;
const SMALL_TICKET_MESSAGES = 5;

export interface BenchData {
  email: string;
  password: string;
  agentId: string;
  bigTicketId: string;
  /** Every ticket but the big one: the create load is spread over them. */
  smallTicketIds: string[];
  /** Every 10th message of the big conversation: the by-id load cycles through them. */
  sampleMessageIds: string[];
}

const TEXT = `'Message ' || n || ': ' || repeat('The export still times out after the last update, please advise. ', 4)`;
const TYPE = `(ARRAY['request', 'response', 'note'])[n % 3 + 1]::"MessageType"`;

/**
 * `count` messages on each ticket `tickets` (an SQL condition on "Ticket" t) selects, one every `spacing` from the
 * ticket's creation on, by `authorId`; the tickets' messageCount is not touched.
 */
export async function insertConversations(client: pg.Client, tickets: string, params: unknown[], authorId: string, count: number, spacing: string) {
  const authorParam = params.length + 1;
  await client.query(
    `INSERT INTO "Message" (id, "ticketId", type, content, "textContent", "authorId", "createdAt", "updatedAt")
     SELECT id, "ticketId", ${TYPE}, '<p>' || text || '</p>', text, $${authorParam}, at, at
     FROM (${withTypeIds("msg", `SELECT t.id AS "ticketId", n, t."createdAt" + n * interval '${spacing}' AS at, ${TEXT} AS text
             FROM "Ticket" t, generate_series(1, $${authorParam + 1}::int) AS n WHERE ${tickets}`)}) AS m`,
    [...params, authorId, count],
  );
}

/** Sets messageCount (and updatedAt, to the last message's time) of the tickets with messages `tickets` selects. */
export async function countMessages(client: pg.Client, tickets: string, params: unknown[]) {
  await client.query(
    `UPDATE "Ticket" t SET "messageCount" = c.count, "updatedAt" = c.last
     FROM (SELECT "ticketId", count(*)::int AS count, max("createdAt") AS last FROM "Message" GROUP BY 1) AS c
     WHERE c."ticketId" = t.id AND ${tickets}`,
    params,
  );
}

export async function seedBenchData(databaseUrl: string): Promise<BenchData> {
  const email = "bench-agent@helpdesk.local";
  const password = "bench-agent-password";
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query("BEGIN");
    const start = new Date(Date.now() - 60 * 24 * 3_600_000);
    const agent = await client.query<{ id: string }>(
      `INSERT INTO "User" (id, email, name, role, "passwordHash", "updatedAt")
       SELECT id, $1, 'Bench Agent', 'agent', $2, now() FROM (${withTypeIds("usr", "SELECT now() AS at")}) AS u RETURNING id`,
      [email, await hashPassword(password)],
    );
    const agentId = agent.rows[0]?.id;
    if (!agentId) throw new Error("the bench agent was not created");
    // Ticket n is created n hours after the start; ticket 1 is the big one.
    await client.query(
      `INSERT INTO "Ticket" (id, subject, status, priority, type, "requesterEmail", "requesterName", "assigneeId", tags,
         "createdAt", "updatedAt")
       SELECT id, 'Bench ticket ' || n, 'open', 'normal', 'question',
         'customer' || n || '@example.com', 'Customer ' || n, $1, ARRAY['bench'], at, at
       FROM (${withTypeIds("tkt", `SELECT n, $2::timestamptz + n * interval '1 hour' AS at FROM generate_series(1, $3::int) AS n`)}) AS t`,
      [agentId, start, TICKETS],
    );
    const tickets = await client.query<{ id: string }>(`SELECT id FROM "Ticket" ORDER BY "createdAt", id`);
    const [bigTicketId, ...smallTicketIds] = tickets.rows.map((row) => row.id) as [string, ...string[]];
    // The big conversation: a message every 2 minutes from its ticket's creation on; 5 on each other ticket.
    await insertConversations(client, "t.id = $1", [bigTicketId], agentId, BIG_TICKET_MESSAGES, "2 minutes");
    await insertConversations(client, "t.id <> $1", [bigTicketId], agentId, SMALL_TICKET_MESSAGES, "10 minutes");
    // The API reads a conversation's total from this column rather than counting.
    await countMessages(client, "true", []);
    const sample = await client.query<{ id: string }>(
      `SELECT id FROM (SELECT id, row_number() OVER (ORDER BY "createdAt", id) AS n FROM "Message" WHERE "ticketId" = $1) AS m
       WHERE n % 10 = 0`,
      [bigTicketId],
    );
    await client.query("COMMIT");
    // As autovacuum would have by now: statistics, and the visibility map the index-only scans rely on.
    await client.query(`VACUUM (ANALYZE) "User", "Ticket", "Message"`);
    const sampleMessageIds = sample.rows.map((row) => row.id);
    assertTypeId(sampleMessageIds[0], "msg");
    assertTypeId(bigTicketId, "tkt");
    return { email, password, agentId, bigTicketId, smallTicketIds, sampleMessageIds };
  } finally {
    await client.end();
  }
}

function assertTypeId(id: string | undefined, prefix: string): void {
  // Throws on anything typeid-js would not parse back.
  const parsed = TypeID.fromString(id ?? "");
  if (parsed.getType() !== prefix) throw new Error(`seeded id ${id} does not have the prefix ${prefix}`);
}
