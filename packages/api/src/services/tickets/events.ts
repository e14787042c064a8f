// A ticket's activity (CONTRACT §12): the events the "Ticket" trigger and undo send record, for the thread.
import { type Db, Prisma } from "@helpdesk/db";
import { TICKET_EVENTS_MAX, type TFieldChange, type TTicketEvent, type TTicketEventKind, type TTicketEventList } from "@helpdesk/validators";
import { notFound } from "../../errors.ts";

interface EventRow {
  id: string | null;
  ticketId: string;
  actorId: string | null;
  kind: string;
  changes: Record<string, TFieldChange>;
  createdAt: Date;
}

/**
 * Oldest first. A ticket sees a handful of events, so the whole list is answered, capped at its newest
 * TICKET_EVENTS_MAX (read newest first along the (ticketId, createdAt, id) index, then turned around). An unknown ticket
 * is 404; a known one without events answers one row of nulls (the LEFT JOIN), so one statement tells them apart.
 */
export async function listTicketEvents(db: Db, ticketId: string): Promise<TTicketEventList> {
  const rows = await db.$queryRaw<EventRow[]>(Prisma.sql`
    SELECT e.id, t.id AS "ticketId", e."actorId", e.kind, e.changes, e."createdAt" FROM "Ticket" t
    LEFT JOIN LATERAL (
      SELECT * FROM "TicketEvent" WHERE "ticketId" = t.id ORDER BY "createdAt" DESC, id DESC LIMIT ${TICKET_EVENTS_MAX}
    ) e ON true
    WHERE t.id = ${ticketId}
    ORDER BY e."createdAt" ASC, e.id ASC`);
  if (rows.length === 0) throw notFound("Ticket", ticketId);
  return { data: rows.flatMap((row) => (row.id === null ? [] : [toTicketEvent({ ...row, id: row.id })])) };
}

function toTicketEvent(row: EventRow & { id: string }): TTicketEvent {
  return { ...row, kind: row.kind as TTicketEventKind, createdAt: row.createdAt.toISOString() };
}
