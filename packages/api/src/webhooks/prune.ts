// Webhook history (events, their deliveries and attempts) is kept for WEBHOOK_HISTORY_DAYS: enough to look into a
// receiver's trouble and redeliver, without the tables growing for ever. Run by the automations' pass.
import { type Db, firstIdAt } from "@helpdesk/db";

export const WEBHOOK_HISTORY_DAYS = 30;
/** Events deleted per statement, so a large backlog never holds one long transaction. */
const BATCH = 1_000;

/**
 * Deletes events older than the history whose deliveries are all settled (delivered, failed or cancelled; their
 * deliveries and attempts go with them). Event ids sort by creation time, so "older" is a range of the primary key.
 */
export async function pruneWebhookHistory(db: Db, now: Date = new Date()): Promise<number> {
  const before = firstIdAt("evt", new Date(now.getTime() - WEBHOOK_HISTORY_DAYS * 86_400_000));
  let total = 0;
  for (;;) {
    const deleted = await db.$executeRaw`
      DELETE FROM "WebhookEvent" WHERE id IN (
        SELECT e.id FROM "WebhookEvent" e
        WHERE e.id < ${before} AND NOT EXISTS (SELECT 1 FROM "WebhookDelivery" d WHERE d."eventId" = e.id AND d.status = 'pending')
        ORDER BY e.id LIMIT ${BATCH})`;
    total += deleted;
    if (deleted < BATCH) return total;
  }
}
