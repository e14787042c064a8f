import { createHash } from "node:crypto";
import type { Db, Prisma } from "@helpdesk/db";
import type { TAttachmentRef } from "@helpdesk/validators";
import { AppError } from "../../errors.ts";

export const hashUploadToken = (token: string) => createHash("sha256").update(token).digest("hex");

/** Why upload references were refused, each at its `attachments.N.token`, thrown as one 422 (messages and drafts). */
export class UploadRefusals {
  readonly #problems: Record<string, { code: "INVALID"; message: string }[]> = {};

  unusable(index: number) {
    this.#refuse(index, "This upload token is unknown, expired, already used or not yours.");
  }
  sizeMismatch(index: number) {
    this.#refuse(index, "The size does not match the uploaded file.");
  }
  alreadyUsed(index: number) {
    this.#refuse(index, "This upload token was already used.");
  }
  repeated(index: number) {
    this.#refuse(index, "This upload is already attached.");
  }
  throwIfAny(): void {
    if (Object.keys(this.#problems).length) throw new AppError("VALIDATION_ERROR", "Some attachments cannot be used.", this.#problems);
  }
  #refuse(index: number, message: string) {
    this.#problems[`attachments.${index}.token`] = [{ code: "INVALID", message }];
  }
}

/**
 * Binds uploaded files to a message. A token is usable once, by its uploader, before it expires, and only with
 * the size it was uploaded with; any other token is a validation error at `attachments.N.token`.
 */
export async function claimAttachments(
  tx: Db | Prisma.TransactionClient,
  refs: TAttachmentRef[],
  { uploaderId, messageId, now }: { uploaderId: string; messageId: string; now: Date },
): Promise<ClaimedFile[]> {
  const claimedFiles: (ClaimedFile & { uploadedAt: Date })[] = [];
  const refusals = new UploadRefusals();
  for (const [index, ref] of refs.entries()) {
    const upload = await tx.attachment.findUnique({
      where: { tokenHash: hashUploadToken(ref.token) },
      select: { id: true, uploaderId: true, messageId: true, expiresAt: true, size: true, name: true, contentType: true, createdAt: true },
    });
    const usable = upload && upload.uploaderId === uploaderId && !upload.messageId && upload.expiresAt > now;
    const sizeMatches = !upload || ref.size === undefined || ref.size === upload.size;
    if (!usable || !sizeMatches) {
      if (usable) refusals.sizeMismatch(index);
      else refusals.unusable(index);
      continue;
    }
    // Conditional, so two messages racing for one token cannot both get it.
    const claimed = await tx.attachment.updateMany({
      where: { id: upload.id, messageId: null },
      data: { messageId, usedAt: now, ...(ref.name ? { name: ref.name } : {}) },
    });
    if (claimed.count === 0) refusals.alreadyUsed(index);
    else claimedFiles.push({ id: upload.id, name: ref.name ?? upload.name, size: upload.size, contentType: upload.contentType, uploadedAt: upload.createdAt });
  }
  refusals.throwIfAny();
  // As every read lists them: by upload time, then id.
  claimedFiles.sort((a, b) => a.uploadedAt.getTime() - b.uploadedAt.getTime() || (a.id < b.id ? -1 : 1));
  return claimedFiles.map(({ uploadedAt: _uploadedAt, ...file }) => file);
}

/** A claimed file as the message answers it, in the order the message lists them. */
export interface ClaimedFile {
  id: string;
  name: string;
  size: number;
  contentType: string;
}
