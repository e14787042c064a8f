// The uploads a draft keeps. An upload token lives an hour (POST /attachments); a draft may wait over a weekend, so
// saving it keeps its uploads for a week. The files stay unclaimed: the message that is finally sent claims them.
import type { Db, Prisma } from "@helpdesk/db";
import type { TAttachmentRef, TDraftAttachment } from "@helpdesk/validators";
import { hashUploadToken, UploadRefusals } from "../messages/attachments.ts";

export const DRAFT_UPLOAD_LIFETIME_MS = 7 * 24 * 60 * 60 * 1000;

type Client = Db | Prisma.TransactionClient;

/** The caller's uploads among `tokens` that a message could still take (not expired, not on a message), by token. */
async function liveUploads(db: Client, tokens: string[], { uploaderId, now }: { uploaderId: string; now: Date }) {
  if (tokens.length === 0) return new Map<string, { id: string; name: string; size: number; contentType: string }>();
  const hashes = tokens.map(hashUploadToken);
  const rows = await db.attachment.findMany({
    where: { tokenHash: { in: hashes }, uploaderId, messageId: null, expiresAt: { gt: now } },
    select: { id: true, tokenHash: true, name: true, size: true, contentType: true },
  });
  const byHash = new Map(rows.map((row) => [row.tokenHash, row]));
  return new Map(tokens.flatMap((token, index) => {
    const row = byHash.get(hashes[index] as string);
    return row ? [[token, row] as const] : [];
  }));
}

/**
 * The draft's uploads as it stores them, each kept until at least a week from `now`. Any token that is not a live
 * upload of the caller, or whose size differs, is a 422 at `attachments.N.token`, as when a message is sent.
 */
export async function keepDraftUploads(
  tx: Prisma.TransactionClient,
  refs: TAttachmentRef[],
  { uploaderId, now }: { uploaderId: string; now: Date },
): Promise<TDraftAttachment[]> {
  const uploads = await liveUploads(tx, refs.map((ref) => ref.token), { uploaderId, now });
  const refusals = new UploadRefusals();
  const kept: TDraftAttachment[] = [];
  for (const [index, ref] of refs.entries()) {
    const upload = uploads.get(ref.token);
    // A token twice would be refused when the message is sent: refused here already.
    if (kept.some((file) => file.token === ref.token)) refusals.repeated(index);
    else if (!upload) refusals.unusable(index);
    else if (ref.size !== undefined && ref.size !== upload.size) refusals.sizeMismatch(index);
    else kept.push({ token: ref.token, name: ref.name ?? upload.name, size: upload.size, contentType: upload.contentType });
  }
  refusals.throwIfAny();
  const keepUntil = new Date(now.getTime() + DRAFT_UPLOAD_LIFETIME_MS);
  const ids = [...uploads.values()].map((upload) => upload.id);
  await tx.attachment.updateMany({ where: { id: { in: ids }, expiresAt: { lt: keepUntil } }, data: { expiresAt: keepUntil } });
  return kept;
}

/** The draft's uploads that a message can still take: one sent meanwhile or expired is left out of the draft. */
export async function liveDraftUploads(db: Db, attachments: TDraftAttachment[], { uploaderId, now }: { uploaderId: string; now: Date }) {
  const uploads = await liveUploads(db, attachments.map((attachment) => attachment.token), { uploaderId, now });
  return attachments.filter((attachment) => uploads.has(attachment.token));
}
