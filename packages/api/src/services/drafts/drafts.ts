// Server drafts (CONTRACT §12): one per user per ticket, seen by that user only. Every save names the version it
// replaces, and one conditional statement decides it, so of two saves made from the same version exactly one wins;
// the other is a 409 CONFLICT that says which version is now stored.
import type { Db, Prisma } from "@helpdesk/db";
import type { TDraft, TDraftAddress, TDraftAttachment, TMessageType, TRecipient, TSaveDraftBody, TTicketUpdate } from "@helpdesk/validators";
import { sanitizeHtml } from "../../content/sanitize.ts";
import { AppError, notFound } from "../../errors.ts";
import { assertClientStatus, assertNotClosed } from "../tickets/status.ts";
import { keepDraftUploads, liveDraftUploads } from "./uploads.ts";

/** Whose draft on which ticket: the key of the Draft row. */
export interface DraftKey {
  userId: string;
  ticketId: string;
}

/** The Draft row's `body`: the saved request but its version, as stored (content sanitized, uploads described). */
interface DraftBody {
  type: TMessageType;
  content: string;
  ccs: TRecipient[];
  recipients: TRecipient[];
  is_forward: boolean;
  attachments: TDraftAttachment[];
  ticket_update: TTicketUpdate | null;
}

type Client = Db | Prisma.TransactionClient;

async function findTicket(db: Client, ticketId: string) {
  const ticket = await db.ticket.findUnique({ where: { id: ticketId }, select: { id: true, status: true } });
  if (!ticket) throw notFound("Ticket", ticketId);
  return ticket;
}

export async function getDraft(db: Db, { userId, ticketId }: DraftKey, now = new Date()): Promise<TDraft> {
  const row = await db.draft.findUnique({ where: { userId_ticketId: { userId, ticketId } } });
  if (!row) {
    await findTicket(db, ticketId);
    throw new AppError("NOT_FOUND", `You have no draft on ticket ${ticketId}.`);
  }
  const body = row.body as unknown as DraftBody;
  const attachments = await liveDraftUploads(db, body.attachments, { uploaderId: userId, now });
  return toDraft({ ...row, body: { ...body, attachments } });
}

/** Saves the draft over the version the client last saw (0: none yet) and answers it with its new version. */
export async function saveDraft(db: Db, { userId, ticketId }: DraftKey, input: TSaveDraftBody): Promise<TDraft> {
  assertClientStatus(input.ticket_update?.status);
  const now = new Date();
  // Sanitized before the transaction: pure work, and what a restored draft shows is always safe to render.
  const content = sanitizeHtml(input.content);
  return db.$transaction(async (tx) => {
    assertNotClosed(await findTicket(tx, ticketId));
    const attachments = await keepDraftUploads(tx, input.attachments, { uploaderId: userId, now });
    const body: DraftBody = {
      type: input.type, content, ccs: input.ccs.map(asRecipient), recipients: input.recipients.map(asRecipient),
      is_forward: input.is_forward, attachments, ticket_update: input.ticket_update ?? null,
    };
    const saved = await writeOverVersion(tx, { userId, ticketId }, input.version, body, now);
    if (!saved) throw await staleVersion(tx, { userId, ticketId }, input.version);
    return toDraft({ userId, ticketId, version: input.version + 1, updatedAt: now, body });
  });
}

/** Deletes the caller's draft on the ticket; deleting one that is not there is done already. */
export async function discardDraft(db: Db, { userId, ticketId }: DraftKey): Promise<void> {
  const { count } = await db.draft.deleteMany({ where: { userId, ticketId } });
  if (count === 0) await findTicket(db, ticketId);
}

/** One statement each: INSERT … ON CONFLICT DO NOTHING for a first save, UPDATE … WHERE version = seen after it. */
async function writeOverVersion(tx: Prisma.TransactionClient, key: DraftKey, seen: number, body: DraftBody, now: Date) {
  const json = body as unknown as Prisma.InputJsonValue;
  const { count } =
    seen === 0
      ? await tx.draft.createMany({ data: [{ ...key, body: json, version: 1, updatedAt: now }], skipDuplicates: true })
      : await tx.draft.updateMany({ where: { ...key, version: seen }, data: { body: json, version: { increment: 1 }, updatedAt: now } });
  return count === 1;
}

async function staleVersion(tx: Prisma.TransactionClient, key: DraftKey, seen: number): Promise<AppError> {
  const current = await tx.draft.findUnique({ where: { userId_ticketId: key }, select: { version: true } });
  const currentVersion = current?.version ?? 0;
  return new AppError(
    "CONFLICT",
    `This draft was saved elsewhere meanwhile: version ${currentVersion} is stored, not ${seen}. Load it, then save with its version.`,
    { currentVersion },
  );
}

const asRecipient = (address: TDraftAddress): TRecipient => ({ email: address.email, name: address.name ?? null });

function toDraft({ userId, ticketId, version, updatedAt, body }: DraftKey & { version: number; updatedAt: Date; body: DraftBody }): TDraft {
  return {
    ticketId, userId, type: body.type, content: body.content, ccs: body.ccs, recipients: body.recipients,
    isForward: body.is_forward, attachments: body.attachments, ticketUpdate: body.ticket_update, version,
    updatedAt: updatedAt.toISOString(),
  };
}
