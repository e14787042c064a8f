// The ceilings: what the two hot paths cost with nothing but the raw `pg` driver, JSON serialisation and a bare
// node:http server — no framework, validation, auth or ORM. Run as a child process of the bench (so the load
// generator does not share its event loop), on loopback; it tells its port to the parent over IPC.
//   GET  /read?ticket_id=&page=&limit=  the list query of listMessages: the ticket's messageCount, the page's ids,
//                                       then those rows (with attachments and delivery), ordered as the ids.
//   POST /write  { ticket_id, content, ticket_update: { priority } }  the create's writes in one transaction: lock
//                the ticket FOR UPDATE, insert the message, update the ticket, drop the author's draft on it.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import pg from "pg";
import { typeid } from "typeid-js";

const databaseUrl = process.env.BENCH_DATABASE_URL;
const authorId = process.env.BENCH_AUTHOR_ID;
if (!databaseUrl || !authorId) throw new Error("BENCH_DATABASE_URL and BENCH_AUTHOR_ID must be set");
// The app's Prisma adapter pools 10 connections too.
const pool = new pg.Pool({ connectionString: databaseUrl, max: 10 });

interface MessageRow {
  id: string; ticketId: string; type: string; content: string; textContent: string; authorId: string;
  fromEmail: string | null; fromName: string | null; source: string; ccs: unknown; recipients: unknown;
  isForward: boolean; deliveryStatus: string; undoableUntil: Date | null; createdAt: Date; updatedAt: Date;
  attachments: { id: string; name: string; size: number; contentType: string }[]; attempts: number | null; lastError: string | null;
}

const ROWS_SQL = `
  SELECT m.id, m."ticketId", m.type, m.content, m."textContent", m."authorId", m."fromEmail", m."fromName", m.source,
    m.ccs, m.recipients, m."isForward",
    m."deliveryStatus", CASE WHEN m."undoableUntil" > now() THEN m."undoableUntil" END AS "undoableUntil", m."createdAt",
    m."updatedAt", coalesce(a.list, '[]') AS attachments, e.attempts, e."lastError"
  FROM "Message" m
  LEFT JOIN LATERAL (SELECT json_agg(json_build_object('id', id, 'name', name, 'size', size, 'contentType', "contentType")
    ORDER BY "createdAt", id) AS list FROM "Attachment" WHERE "messageId" = m.id) AS a ON true
  LEFT JOIN LATERAL (SELECT attempts, "lastError" FROM "OutgoingEmail" WHERE "messageId" = m.id ORDER BY "createdAt", id LIMIT 1)
    AS e ON true
  WHERE m.id = ANY($1)`;

function toJson(row: MessageRow) {
  return {
    id: row.id, ticketId: row.ticketId, type: row.type, content: row.content, textContent: row.textContent,
    authorId: row.authorId,
    from: row.fromEmail ? { email: row.fromEmail, name: row.fromName } : null,
    source: row.source,
    attachments: row.attachments.map((file) => ({ ...file, url: `/helpdesk/api/attachments/${file.id}` })),
    ccs: row.ccs, recipients: row.recipients, isForward: row.isForward,
    delivery: { status: row.deliveryStatus, attempts: row.attempts ?? 0, lastError: row.lastError },
    undoableUntil: row.undoableUntil?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(), updatedAt: row.updatedAt.toISOString(),
  };
}

async function read(url: URL): Promise<[number, unknown]> {
  const ticketId = url.searchParams.get("ticket_id") ?? "";
  const page = Number(url.searchParams.get("page") ?? 1);
  const limit = Number(url.searchParams.get("limit") ?? 50);
  const ticket = await pool.query<{ messageCount: number }>(`SELECT "messageCount" FROM "Ticket" WHERE id = $1`, [ticketId]);
  const total = ticket.rows[0]?.messageCount;
  if (total === undefined) return [404, { error: { code: "NOT_FOUND" } }];
  const ids = await pool.query<{ id: string }>(
    `SELECT id FROM "Message" WHERE "ticketId" = $1 ORDER BY "createdAt" ASC, id ASC OFFSET $2 LIMIT $3`,
    [ticketId, (page - 1) * limit, limit],
  );
  const rows = await pool.query<MessageRow>(ROWS_SQL, [ids.rows.map((row) => row.id)]);
  const byId = new Map(rows.rows.map((row) => [row.id, row]));
  const data = ids.rows.flatMap(({ id }) => {
    const row = byId.get(id);
    return row ? [toJson(row)] : [];
  });
  const totalPages = Math.ceil(total / limit);
  return [200, { data, pagination: { page, limit, total, totalPages, hasMore: page < totalPages } }];
}

async function write(body: { ticket_id: string; content: string; ticket_update?: { priority?: string } }): Promise<[number, unknown]> {
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    const locked = await client.query(`SELECT id, status FROM "Ticket" WHERE id = $1 FOR UPDATE`, [body.ticket_id]);
    if (locked.rowCount === 0) {
      await client.query("ROLLBACK");
      return [404, { error: { code: "NOT_FOUND" } }];
    }
    const now = new Date();
    const inserted = await client.query<MessageRow>(
      `INSERT INTO "Message" (id, "ticketId", type, content, "textContent", "authorId", "createdAt", "updatedAt")
       VALUES ($1, $2, 'note', $3, $4, $5, $6, $6)
       RETURNING id, "ticketId", type, content, "textContent", "authorId", "fromEmail", "fromName", source, ccs, recipients,
         "isForward", "deliveryStatus", "undoableUntil",
         "createdAt", "updatedAt", '[]'::json AS attachments, NULL::int AS attempts, NULL::text AS "lastError"`,
      [typeid("msg").toString(), body.ticket_id, body.content, body.content.replace(/<[^>]*>/g, ""), authorId, now],
    );
    await client.query(
      `UPDATE "Ticket" SET priority = coalesce($2::"TicketPriority", priority), "messageCount" = "messageCount" + 1,
         "updatedAt" = $3 WHERE id = $1`,
      [body.ticket_id, body.ticket_update?.priority ?? null, now],
    );
    // Sending ends the author's draft on the ticket (CONTRACT §12): one of the create's writes.
    await client.query(`DELETE FROM "Draft" WHERE "userId" = $1 AND "ticketId" = $2`, [authorId, body.ticket_id]);
    await client.query("COMMIT");
    const [row] = inserted.rows;
    if (!row) throw new Error("the insert returned no row");
    return [201, toJson(row)];
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
  const url = new URL(request.url ?? "/", "http://127.0.0.1");
  let answer: [number, unknown] = [404, { error: { code: "NOT_FOUND" } }];
  try {
    if (request.method === "GET" && url.pathname === "/read") answer = await read(url);
    if (request.method === "POST" && url.pathname === "/write") answer = await write(JSON.parse(await readBody(request)));
  } catch (error) {
    answer = [500, { error: { code: "INTERNAL", message: (error as Error).message } }];
  }
  response.writeHead(answer[0], { "content-type": "application/json" });
  response.end(JSON.stringify(answer[1]));
}

const server = createServer((request, response) => void handle(request, response));
server.listen(0, "127.0.0.1", () => {
  const address = server.address();
  process.send?.({ port: typeof address === "object" && address ? address.port : 0 });
});
process.on("SIGTERM", () => {
  server.close();
  void pool.end().finally(() => process.exit(0));
});
