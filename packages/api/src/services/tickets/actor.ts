// Who makes a transaction's ticket changes, for the activity trigger on "Ticket" (migration
// 20261202000000_working_together), which records every change with this actor. Transaction-local: it ends with the
// transaction (or with the statement outside one), so a pooled connection never carries it to the next caller.
import { type Db, Prisma } from "@helpdesk/db";

/** The expression that names the actor; null (the default) is the system: the automation, a customer's mail. */
export function actorSql(userId: string | null): Prisma.Sql {
  return Prisma.sql`set_config('helpdesk.actor_id', ${userId ?? ""}, true)`;
}

export async function setActor(tx: Db | Prisma.TransactionClient, userId: string | null): Promise<void> {
  await tx.$executeRaw`SELECT ${actorSql(userId)}`;
}
