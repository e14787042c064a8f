// The auto-close automation (CONTRACT §7): a resolved ticket untouched for long enough is closed by the system.
import { newId, Prisma, type Db } from "@helpdesk/db";
import { notifySql } from "../events/bus.ts";

export interface AutoCloseOptions {
  olderThanHours: number;
  now?: Date;
  /** Tickets closed per transaction, so a backlog never holds one huge transaction. */
  batchSize?: number;
}

const DEFAULT_BATCH_SIZE = 500;

/** Closes every resolved ticket whose updatedAt is before now − olderThanHours, audited; returns the closed ids. */
export async function closeStaleResolvedTickets(db: Db, options: AutoCloseOptions): Promise<string[]> {
  const now = options.now ?? new Date();
  const cutoff = new Date(now.getTime() - options.olderThanHours * 3_600_000);
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  const closed: string[] = [];
  for (;;) {
    const batch = await closeBatch(db, { now, cutoff, batchSize, olderThanHours: options.olderThanHours });
    closed.push(...batch.closed);
    // A short batch means no candidates are left; rows that raced away are no longer candidates either.
    if (batch.candidates < batchSize) return closed;
  }
}

interface BatchOptions {
  now: Date;
  cutoff: Date;
  batchSize: number;
  olderThanHours: number;
}

async function closeBatch(db: Db, { now, cutoff, batchSize, olderThanHours }: BatchOptions) {
  return db.$transaction(
    async (tx) => {
      const stale = { status: "resolved" as const, updatedAt: { lt: cutoff } };
      const candidates = await tx.ticket.findMany({
        where: stale,
        select: { id: true, resolvedAt: true, updatedAt: true },
        orderBy: [{ updatedAt: "asc" }, { id: "asc" }],
        take: batchSize,
      });
      if (candidates.length === 0) return { candidates: 0, closed: [] };
      // The condition is repeated in the UPDATE: a ticket reopened or touched since the read no longer matches
      // (PostgreSQL re-checks it on the row's latest version), so it is never closed.
      // updatedAt is set on purpose (Prisma's @updatedAt would bump it anyway): closing is the ticket's last change.
      const updated = await tx.ticket.updateManyAndReturn({
        where: { id: { in: candidates.map((ticket) => ticket.id) }, ...stale },
        data: { status: "closed", closedAt: now, updatedAt: now },
        select: { id: true },
      });
      const closedIds = new Set(updated.map((ticket) => ticket.id));
      const closedTickets = candidates.filter((ticket) => closedIds.has(ticket.id));
      await tx.auditEvent.createMany({
        data: closedTickets.map((ticket) => ({
          id: newId("aud"),
          actorId: null,
          action: "ticket.auto_closed",
          subjectId: ticket.id,
          data: {
            resolvedAt: ticket.resolvedAt?.toISOString() ?? null,
            updatedAt: ticket.updatedAt.toISOString(),
            olderThanHours,
          },
        })),
      });
      // Open pages and inboxes refresh on it (the status, the activity entry "Helpdesk closed the ticket").
      if (closedTickets.length > 0) {
        await tx.$executeRaw`SELECT ${Prisma.join(closedTickets.map((ticket) => notifySql({ kind: "ticket.changed", ticketId: ticket.id })))}`;
      }
      return { candidates: candidates.length, closed: closedTickets.map((ticket) => ticket.id) };
    },
    { timeout: 30_000 },
  );
}
