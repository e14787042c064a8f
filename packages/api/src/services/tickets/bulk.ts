// Bulk actions (issue 13 item 6): the same changes to several tickets in one transaction. Every ticket that can take
// them does; the others (closed, unknown, or one the tags would overfill) are listed as refused, untouched. The rules
// for a single ticket (status.ts, the assignee check) decide here too.
import type { Db, Prisma, TicketStatus } from "@helpdesk/db";
import { TAGS_MAX, type TBulkRefusal, type TBulkUpdateResult, type TBulkUpdateTicketsBody, type TTicket } from "@helpdesk/validators";
import { AppError, notFound } from "../../errors.ts";
import { publish } from "../../events/bus.ts";
import { setActor } from "./actor.ts";
import { ticketSelect, toTicket } from "./serialize.ts";
import { assertClientStatus, statusChange, ticketClosed } from "./status.ts";
import { assertAssigneeExists } from "./tickets.ts";

interface LockedTicket {
  id: string;
  status: TicketStatus;
  tags: string[];
}

/**
 * Locks the tickets that exist, in id order: any two writers that lock several tickets take them in the same order,
 * and a message's write locks one, so neither can wait on the other in a cycle.
 */
async function lockTickets(tx: Prisma.TransactionClient, ids: string[]): Promise<Map<string, LockedTicket>> {
  const rows = await tx.$queryRaw<LockedTicket[]>`
    SELECT id, status::text AS status, tags FROM "Ticket" WHERE id = ANY(${ids}::text[]) ORDER BY id FOR UPDATE`;
  return new Map(rows.map((row) => [row.id, row]));
}

/** The ticket's tags, then the added ones in the order given, each once (as a message's ticket_update.add_tags). */
function withAddedTags(tags: string[], added: string[] | undefined): string[] {
  return added ? [...new Set([...tags, ...added])] : tags;
}

/** Why an existing ticket cannot take the changes that would give it `tags`, or null when it can. */
function refusal(ticket: LockedTicket, tags: string[]): AppError | null {
  if (ticket.status === "closed") return ticketClosed(ticket.id);
  if (tags.length > TAGS_MAX) return new AppError("VALIDATION_ERROR", `Ticket ${ticket.id} would have more than ${TAGS_MAX} tags.`);
  return null;
}

const refused = (ticketId: string, error: AppError): TBulkRefusal => ({ ticketId, code: error.code, message: error.message });

export async function bulkUpdateTickets(db: Db, input: TBulkUpdateTicketsBody, actorId: string): Promise<TBulkUpdateResult> {
  const { changes } = input;
  assertClientStatus(changes.status);
  return db.$transaction(async (tx) => {
    await setActor(tx, actorId);
    await assertAssigneeExists(tx, changes.assignee_id);
    const locked = await lockTickets(tx, input.ticket_ids);
    const now = new Date();
    const updated: TTicket[] = [];
    const refusals: TBulkRefusal[] = [];
    for (const id of input.ticket_ids) {
      const ticket = locked.get(id);
      if (!ticket) {
        refusals.push(refused(id, notFound("Ticket", id)));
        continue;
      }
      const tags = withAddedTags(ticket.tags, changes.add_tags);
      const problem = refusal(ticket, tags);
      if (problem) {
        refusals.push(refused(id, problem));
        continue;
      }
      const row = await tx.ticket.update({
        where: { id },
        data: {
          priority: changes.priority,
          type: changes.type,
          assigneeId: changes.assignee_id,
          tags: changes.add_tags ? tags : undefined,
          ...statusChange(ticket.status, changes.status, now),
        },
        select: ticketSelect,
      });
      await publish(tx, { kind: "ticket.changed", ticketId: id });
      updated.push(toTicket(row));
    }
    return { updated, refused: refusals };
  });
}
