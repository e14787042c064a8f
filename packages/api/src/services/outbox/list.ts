import type { Db, Prisma } from "@helpdesk/db";
import type { TListOutboxQuery, TOutboxList } from "@helpdesk/validators";
import { storedAddresses } from "../messages/serialize.ts";
import { paginate } from "../pagination.ts";

const outboxSelect = {
  id: true, messageId: true, ticketId: true, to: true, cc: true, subject: true, status: true, attempts: true,
  lastError: true, nextAttemptAt: true, sentAt: true, createdAt: true,
} satisfies Prisma.OutgoingEmailSelect;


/** Outgoing emails, newest first. */
export async function listOutbox(db: Db, { page, limit, status }: TListOutboxQuery): Promise<TOutboxList> {
  const where = status ? { status } : {};
  const [total, rows] = await Promise.all([
    db.outgoingEmail.count({ where }),
    db.outgoingEmail.findMany({
      where,
      select: outboxSelect,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      skip: (page - 1) * limit,
      take: limit,
    }),
  ]);
  const data = rows.map((row) => ({
    ...row,
    to: storedAddresses(row.to),
    cc: storedAddresses(row.cc),
    nextAttemptAt: row.status === "queued" ? row.nextAttemptAt.toISOString() : null,
    sentAt: row.sentAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  }));
  return paginate(data, { page, limit, total });
}
