import type { Readable } from "node:stream";
import type { Db } from "@helpdesk/db";
import { AppError, notFound } from "../../errors.ts";
import { StoredFileMissing, type AttachmentStorage } from "../../storage/index.ts";

/** What the REST adapter needs to answer a download; the bytes are opened only when it streams them. */
export interface AttachmentFile {
  name: string;
  size: number;
  contentType: string;
  open(): Promise<ReadableStream<Uint8Array>>;
}

/**
 * A file attached to a message is readable by every role. One not attached yet is the uploader's draft: only they
 * can fetch it (to preview it before sending) and only until its token expires; anyone else gets the same 404 as
 * for an id that does not exist, so an upload's existence does not leak.
 */
export async function findAttachmentFile(
  db: Db,
  storage: AttachmentStorage,
  { attachmentId, userId, now = new Date() }: { attachmentId: string; userId: string; now?: Date },
): Promise<AttachmentFile> {
  const row = await db.attachment.findUnique({
    where: { id: attachmentId },
    select: { name: true, size: true, contentType: true, storageKey: true, messageId: true, uploaderId: true, expiresAt: true },
  });
  const visible = row && (row.messageId !== null || (row.uploaderId === userId && row.expiresAt > now));
  if (!row || !visible) throw notFound("Attachment", attachmentId);
  return storedFile(storage, row, `attachment ${attachmentId}`);
}

/** A stored file ready to stream: its bytes are opened only when the answer is sent; a missing key is a 404. */
export function storedFile(
  storage: AttachmentStorage,
  file: { name: string; size: number; contentType: string; storageKey: string },
  label: string,
): AttachmentFile {
  return {
    name: file.name,
    size: file.size,
    contentType: file.contentType,
    open: async () => {
      try {
        return toWebStream(await storage.get(file.storageKey));
      } catch (error) {
        if (error instanceof StoredFileMissing) throw new AppError("NOT_FOUND", `The file of ${label} is missing from storage.`);
        throw error;
      }
    },
  };
}

/** Pull-based: a chunk is read from storage only when the client has taken the previous one. */
export function toWebStream(source: Readable): ReadableStream<Uint8Array> {
  const chunks = source[Symbol.asyncIterator]();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { value, done } = await chunks.next();
      if (done) controller.close();
      else controller.enqueue(value as Uint8Array);
    },
    cancel() {
      source.destroy();
    },
  });
}
