import { preparedQuery, Prisma, type Db } from "@helpdesk/db";
import { ACTIVE_STATUSES, type TTicketCounts } from "@helpdesk/validators";

const ACTIVE: string[] = [...ACTIVE_STATUSES];

/**
 * The queues' sizes for one caller, in one statement: an index-only scan of Ticket(status, assigneeId) over the tickets
 * that are not closed, counted by FILTER clauses. Unassigned and mine count the work still in progress (new, open or
 * pending: the list's status=active); the status counts are every ticket in that status, whoever has it.
 */
export async function ticketCounts(db: Db, callerId: string): Promise<TTicketCounts> {
  const [row] = await preparedQuery<TTicketCounts>(db, "ticket_counts", Prisma.sql`
    SELECT
      count(*) FILTER (WHERE "assigneeId" IS NULL AND status::text = ANY(${ACTIVE}))::int AS unassigned,
      count(*) FILTER (WHERE "assigneeId" = ${callerId}::text AND status::text = ANY(${ACTIVE}))::int AS mine,
      count(*) FILTER (WHERE status = 'new')::int AS new,
      count(*) FILTER (WHERE status = 'open')::int AS open,
      count(*) FILTER (WHERE status = 'pending')::int AS pending,
      count(*) FILTER (WHERE status = 'resolved')::int AS resolved
    FROM "Ticket" WHERE status IN ('new', 'open', 'pending', 'resolved')`);
  return row ?? { unassigned: 0, mine: 0, new: 0, open: 0, pending: 0, resolved: 0 };
}
