// The one pipeline behind every inbound door (CONTRACT §11): parse, de-duplicate, sort out noise and bounces, thread,
// and write the ticket and `request` message, keeping the original mail. A mail is never dropped silently: whatever
// becomes of it is an InboundEmail row, and a failure before the commit throws so that the door makes its sender retry.
import { Readable } from "node:stream";
import { type Db, type InboundOutcome, newId, type Prisma } from "@helpdesk/db";
import { logger } from "@helpdesk/log";
import { AppError } from "../errors.ts";
import { getAttachmentStorage, type AttachmentStorage } from "../storage/index.ts";
import { inboundConfigFromEnv } from "./addresses.ts";
import { readBounce, recordBounce } from "./bounce.ts";
import { isDeliveryReport, noiseReason } from "./noise.ts";
import type { Attachment } from "mailparser";
import { digestMessageId, parseMail, type InboundMail, UnparseableMail } from "./parse.ts";
import { fileAsRequest, storeAttachments, type StoredAttachment } from "./request.ts";
import type { InboundConfig, InboundResult, ReceiveOptions } from "./types.ts";

export interface ReceiveDeps {
  storage?: AttachmentStorage;
  config?: InboundConfig;
}

const nothing = (outcome: InboundResult["outcome"]): InboundResult => ({ outcome, ticketId: null, messageId: null });

export async function receiveEmail(db: Db, raw: Buffer, options: ReceiveOptions, deps: ReceiveDeps = {}): Promise<InboundResult> {
  const config = deps.config ?? inboundConfigFromEnv();
  const storage = deps.storage ?? getAttachmentStorage();
  let mail: InboundMail;
  try {
    if (raw.length > config.maxBytes) throw new UnparseableMail(`The mail is larger than ${config.maxBytes} bytes (HELPDESK_MAX_UPLOAD_BYTES).`);
    mail = await parseMail(raw, options.envelopeFrom);
  } catch (error) {
    if (!(error instanceof UnparseableMail)) throw error;
    // The relay behind the route keeps what we refuse; the SMTP and IMAP doors have no one to hand it back to.
    if (options.door === "http") {
      if (raw.length > config.maxBytes) throw new AppError("PAYLOAD_TOO_LARGE", error.message);
      throw new AppError("VALIDATION_ERROR", "The body is not a mail that can be read.", { body: [{ code: "INVALID", message: error.message }] });
    }
    // Keyed by its bytes, so a sender retrying the same unreadable mail leaves one row.
    const row = { door: options.door, messageIdHeader: digestMessageId(raw), outcome: "unparseable" as const, reason: error.message, fromEmail: null, subject: null };
    const kept = await keepOriginal(db, storage, raw, [], async (tx, id) => ((await insertRow(tx, { id, size: raw.length, ...row })) ? nothing("unparseable") : nothing("duplicate")));
    if (kept.outcome === "unparseable") logger.warn({ door: options.door, reason: error.message }, "inbound: unparseable mail kept for admins");
    return kept;
  }
  // Cheap early answer for a mail seen before; the unique index decides the race between two doors below.
  if (await db.inboundEmail.findUnique({ where: { messageIdHeader: mail.messageId }, select: { id: true } })) return nothing("duplicate");

  const base = { door: options.door, messageIdHeader: mail.messageId, fromEmail: mail.from.email, subject: mail.subject.slice(0, 1000), size: raw.length };
  const report = isDeliveryReport(mail);
  const noise = report ? null : noiseReason(mail, config);
  const result = await keepOriginal(db, storage, raw, report || noise ? [] : mail.attachments, async (tx, id, attachments) => {
    if (report) return fileBounce(tx, mail, { id, ...base });
    if (noise) return (await insertRow(tx, { id, ...base, outcome: "ignored", reason: noise })) ? nothing("ignored") : nothing("duplicate");
    if (!(await insertRow(tx, { id, ...base, outcome: "new_ticket", reason: null }))) return nothing("duplicate");
    const filed = await fileAsRequest(tx, mail, { config, attachments, envelopeTo: options.envelopeTo ?? [] });
    await tx.inboundEmail.update({ where: { id }, data: { outcome: filed.outcome, ticketId: filed.ticketId, messageId: filed.messageId } });
    return filed;
  });
  logger.info({ door: options.door, outcome: result.outcome, ticketId: result.ticketId }, "inbound: mail received");
  return result;
}

type Filing = (tx: Prisma.TransactionClient, inboundId: string, attachments: StoredAttachment[]) => Promise<InboundResult>;

/**
 * Stores the original and the attachments before the transaction (storage can be slow; a row lock waits for no
 * upload) and removes them again when the transaction fails or files nothing (a duplicate): no file outlives its row.
 */
async function keepOriginal(db: Db, storage: AttachmentStorage, raw: Buffer, files: Attachment[], filing: Filing): Promise<InboundResult> {
  const inboundId = newId("inb");
  const stored: string[] = [];
  try {
    await storage.put(inboundId, Readable.from([raw]));
    stored.push(inboundId);
    const attachments = await storeAttachments(storage, files, (key) => stored.push(key));
    const result = await db.$transaction((tx) => filing(tx, inboundId, attachments), { timeout: 30_000 });
    if (result.outcome === "duplicate") await removeAll(storage, stored);
    return result;
  } catch (error) {
    await removeAll(storage, stored);
    throw error;
  }
}

const removeAll = (storage: AttachmentStorage, keys: string[]) => Promise.all(keys.map((key) => storage.delete(key).catch(() => {})));

interface Row {
  id: string;
  door: ReceiveOptions["door"];
  messageIdHeader: string | null;
  outcome: InboundOutcome;
  reason: string | null;
  fromEmail: string | null;
  subject: string | null;
  size: number;
}

/** The mail's row; false when a mail with the same Message-ID got there first (it waits for that one's commit). */
async function insertRow(tx: Prisma.TransactionClient, row: Row): Promise<boolean> {
  const inserted = await tx.$queryRaw<{ id: string }[]>`
    INSERT INTO "InboundEmail" (id, door, "messageIdHeader", outcome, reason, "fromEmail", subject, size, "storageKey")
    VALUES (${row.id}, ${row.door}::"InboundDoor", ${row.messageIdHeader}, ${row.outcome}::"InboundOutcome", ${row.reason},
            ${row.fromEmail}, ${row.subject}, ${row.size}, ${row.id})
    ON CONFLICT ("messageIdHeader") DO NOTHING RETURNING id`;
  return inserted.length > 0;
}

async function fileBounce(tx: Prisma.TransactionClient, mail: InboundMail, row: Omit<Row, "outcome" | "reason">): Promise<InboundResult> {
  if (!(await insertRow(tx, { ...row, outcome: "ignored", reason: null }))) return nothing("duplicate");
  const report = readBounce(mail);
  const ticketId = report.failed && report.messageId ? await recordBounce(tx, { ...report, messageId: report.messageId }) : null;
  const reason = ticketId ? report.reason : report.failed ? "A delivery report about no mail of ours" : "A delivery report that is not a failure";
  await tx.inboundEmail.update({ where: { id: row.id }, data: { outcome: ticketId ? "bounce" : "ignored", reason, ticketId } });
  return nothing(ticketId ? "bounce" : "ignored");
}
