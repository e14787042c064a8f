import { logger } from "@helpdesk/log";
import type { Db } from "@helpdesk/db";
import type { AttachmentStorage } from "../../storage/index.ts";

const BATCH_SIZE = 200;

/**
 * Deletes uploads whose token expired before `now` without being attached, rows first and then their files.
 * The DELETE re-checks "not attached" on the row's latest version and skips rows a message is claiming, so a file
 * that a message holds is never removed; a file whose removal fails is logged and left behind, never referenced.
 * Returns how many uploads were deleted.
 */
export async function deleteExpiredUploads(db: Db, storage: AttachmentStorage, now: Date = new Date()): Promise<number> {
  let deleted = 0;
  for (;;) {
    const rows = await db.$queryRaw<{ storageKey: string }[]>`
      DELETE FROM "Attachment"
      WHERE "messageId" IS NULL AND "expiresAt" < ${now} AND id IN (
        SELECT id FROM "Attachment" WHERE "messageId" IS NULL AND "expiresAt" < ${now}
        ORDER BY "expiresAt" LIMIT ${BATCH_SIZE} FOR UPDATE SKIP LOCKED
      )
      RETURNING "storageKey"`;
    for (const { storageKey } of rows) {
      await storage.delete(storageKey).catch((error: unknown) => {
        logger.error({ err: error, storageKey }, "could not delete a stored file");
      });
    }
    deleted += rows.length;
    if (rows.length < BATCH_SIZE) return deleted;
  }
}
