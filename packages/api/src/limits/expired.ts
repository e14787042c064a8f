// Spent request budgets and sign-in counts whose window has passed count for nothing; every signed-out address
// leaves one such row, so the automations sweep them in small batches.
import type { Db } from "@helpdesk/db";

const BATCH_SIZE = 5_000;

export async function deleteExpiredRateLimits(db: Db): Promise<number> {
  let deleted = 0;
  for (;;) {
    const count = await db.$executeRaw`
      DELETE FROM "RateLimit" WHERE key IN (SELECT key FROM "RateLimit" WHERE expire < now() LIMIT ${BATCH_SIZE})`;
    deleted += count;
    if (count < BATCH_SIZE) return deleted;
  }
}
