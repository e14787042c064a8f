// What admins and agents read about received mail: the originals (.eml), the recent mails with what became of them,
// and how mail reaches this server.
import type { Db } from "@helpdesk/db";
import { INBOUND_EMAIL_PATH, INBOUND_MEDIA_TYPE, serverConfig, type TInboundEmailList, type TInboundSetup, type TListInboundEmailsQuery } from "@helpdesk/validators";
import { notFound } from "../errors.ts";
import { storedFile, type AttachmentFile } from "../services/attachments/index.ts";
import { paginate } from "../services/pagination.ts";
import type { AttachmentStorage } from "../storage/index.ts";
import { inboundConfigFromEnv, replyToAddress } from "./addresses.ts";



/** The mail a message came from, exactly as it arrived. */
export async function messageOriginal(db: Db, storage: AttachmentStorage, messageId: string): Promise<AttachmentFile> {
  const row = await db.inboundEmail.findUnique({ where: { messageId }, select: { size: true, storageKey: true } });
  if (!row) throw notFound("Original mail of message", messageId);
  return storedFile(storage, { ...row, name: `${messageId}.eml`, contentType: INBOUND_MEDIA_TYPE }, `the original of message ${messageId}`);
}

/** Any received mail as it arrived, for admins (the unparseable ones have no message to reach them by). */
export async function inboundOriginal(db: Db, storage: AttachmentStorage, inboundId: string): Promise<AttachmentFile> {
  const row = await db.inboundEmail.findUnique({ where: { id: inboundId }, select: { size: true, storageKey: true } });
  if (!row) throw notFound("Received mail", inboundId);
  return storedFile(storage, { ...row, name: `${inboundId}.eml`, contentType: INBOUND_MEDIA_TYPE }, `received mail ${inboundId}`);
}

/** Received mails, newest first. */
export async function listInboundEmails(db: Db, { page, limit, outcome }: TListInboundEmailsQuery): Promise<TInboundEmailList> {
  const where = outcome ? { outcome } : {};
  const [total, rows] = await Promise.all([
    db.inboundEmail.count({ where }),
    db.inboundEmail.findMany({
      where,
      select: { id: true, door: true, outcome: true, reason: true, fromEmail: true, subject: true, size: true, ticketId: true, messageId: true, receivedAt: true },
      orderBy: [{ receivedAt: "desc" }, { id: "desc" }],
      skip: (page - 1) * limit,
      take: limit,
    }),
  ]);
  return paginate(rows.map((row) => ({ ...row, receivedAt: row.receivedAt.toISOString() })), { page, limit, total });
}

/** The doors this server opened, from its settings; credentials never leave the server. */
export function inboundSetup(): TInboundSetup {
  const config = serverConfig();
  const imap = config.HELPDESK_IMAP_URL ? new URL(config.HELPDESK_IMAP_URL) : null;
  return {
    addresses: inboundConfigFromEnv().addresses,
    replyTo: replyToAddress(config.HELPDESK_FROM_EMAIL, "tkt_…"),
    smtp: { enabled: config.HELPDESK_INBOUND_SMTP_PORT !== undefined, port: config.HELPDESK_INBOUND_SMTP_PORT ?? null },
    http: { enabled: config.HELPDESK_INBOUND_SECRET !== undefined, path: INBOUND_EMAIL_PATH },
    imap: {
      enabled: imap !== null,
      host: imap ? imap.host : null,
      mailbox: imap ? decodeURIComponent(imap.pathname.slice(1)) || "INBOX" : null,
      pollSeconds: config.HELPDESK_IMAP_POLL_SECONDS,
    },
  };
}
