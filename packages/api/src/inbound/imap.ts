// The IMAP door (CONTRACT §11): one poll of a hosted mailbox. Every mail not yet imported goes through the pipeline,
// oldest first, and is marked only once the pipeline has stored it; a failure stops the poll and leaves that mail and
// the rest unmarked, so the next poll takes them again (the pipeline's Message-ID de-duplication makes a retry safe).
import type { Db } from "@helpdesk/db";
import { logger } from "@helpdesk/log";
import { ImapFlow, type MailboxObject } from "imapflow";
import type { AttachmentStorage } from "../storage/index.ts";
import { receiveEmail } from "./receive.ts";
import type { InboundConfig, InboundOutcome } from "./types.ts";

/** Marks what we imported, so that a person reading the mailbox (who clears \Seen) does not make us import it again. */
export const IMPORTED_KEYWORD = "$HelpdeskImported";
/** A poll's share of a backlog: the next poll (one interval later) takes the next ones. */
export const MAX_MAILS_PER_POLL = 100;

export interface ImapPollOptions {
  /** `imaps://user:pass@host:port/INBOX`; `imap://` is plain text without a STARTTLS upgrade (test servers). */
  url: string;
  config: InboundConfig;
  storage?: AttachmentStorage;
}

export interface ImapPollSummary {
  /** Mails the pipeline stored (whatever its outcome) and that are now marked. */
  imported: number;
  /** Mails left unmarked for the next poll: beyond this poll's share, or after a failure. */
  pending: number;
  outcomes: Partial<Record<InboundOutcome, number>>;
}

export async function pollImapMailbox(db: Db, options: ImapPollOptions): Promise<ImapPollSummary> {
  const { mailbox, ...connection } = parseImapUrl(options.url);
  const client = new ImapFlow({ ...connection, logger: false });
  // Without a listener a dropped connection's error would end the process; the command under way fails anyway.
  client.on("error", (error: Error) => logger.warn({ err: error, door: "imap" }, "IMAP connection error"));
  const summary: ImapPollSummary = { imported: 0, pending: 0, outcomes: {} };
  try {
    await client.connect();
    const lock = await client.getMailboxLock(mailbox);
    try {
      const keywords = keywordsAllowed(client.mailbox);
      // A mailbox that cannot keep our keyword (PERMANENTFLAGS without it or \*) falls back to \Seen alone.
      const query = keywords ? { unKeyword: IMPORTED_KEYWORD, deleted: false } : { seen: false, deleted: false };
      const marks = keywords ? [IMPORTED_KEYWORD, "\\Seen"] : ["\\Seen"];
      const uids = ((await client.search(query, { uid: true })) || []).sort((a, b) => a - b);
      const batch = uids.slice(0, MAX_MAILS_PER_POLL);
      summary.pending = uids.length;
      for (const uid of batch) {
        const message = await client.fetchOne(String(uid), { source: true }, { uid: true });
        const source = message ? message.source : undefined;
        // Gone since the search (expunged by another client): nothing to import.
        if (!source) {
          summary.pending--;
          continue;
        }
        let outcome: InboundOutcome;
        try {
          ({ outcome } = await receiveEmail(db, source, { door: "imap" }, { storage: options.storage, config: options.config }));
        } catch (error) {
          logger.error({ err: error, door: "imap", uid }, "inbound mail not stored: left unmarked for the next poll");
          break;
        }
        await client.messageFlagsAdd(String(uid), marks, { uid: true });
        summary.imported++;
        summary.pending--;
        summary.outcomes[outcome] = (summary.outcomes[outcome] ?? 0) + 1;
      }
    } finally {
      lock.release();
    }
  } finally {
    await client.logout().catch(() => client.close());
  }
  return summary;
}

function keywordsAllowed(mailbox: MailboxObject | false): boolean {
  const allowed = mailbox ? mailbox.permanentFlags : undefined;
  return !allowed || allowed.has("\\*") || allowed.has(IMPORTED_KEYWORD);
}

function parseImapUrl(url: string) {
  const parsed = new URL(url);
  const secure = parsed.protocol === "imaps:";
  if (!secure && parsed.protocol !== "imap:") throw new Error("The IMAP URL must start with imaps:// (or imap://)");
  return {
    host: parsed.hostname.replace(/^\[(.*)\]$/, "$1"),
    port: parsed.port ? Number(parsed.port) : secure ? 993 : 143,
    secure,
    // imap:// is for test servers: never upgraded, so a test server's STARTTLS offer (and its certificate) is ignored.
    doSTARTTLS: false,
    auth: { user: decodeURIComponent(parsed.username), pass: decodeURIComponent(parsed.password) },
    mailbox: decodeURIComponent(parsed.pathname.slice(1)) || "INBOX",
  };
}
