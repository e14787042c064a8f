// Polls the IMAP mailbox every pollSeconds, once across instances (periodic.ts): two instances never import the
// same mailbox at the same time.
import type { Db } from "@helpdesk/db";
import { logger } from "@helpdesk/log";
import { pollImapMailbox } from "../inbound/imap.ts";
import type { InboundConfig } from "../inbound/types.ts";
import type { AttachmentStorage } from "../storage/index.ts";
import type { Boss } from "./boss.ts";
import { workPeriodically } from "./periodic.ts";
import { IMAP_POLL_QUEUE } from "./queues.ts";

export interface ImapPollConfig {
  /** HELPDESK_IMAP_URL: `imaps://user:pass@host/INBOX`. */
  url: string;
  /** HELPDESK_IMAP_POLL_SECONDS. */
  pollSeconds: number;
  config: InboundConfig;
}

/** Starts polling; the returned function stops re-seeding the chain (the boss stops the rest). */
export function workImapPolling(boss: Boss, db: Db, imap: ImapPollConfig, storage: AttachmentStorage): Promise<() => void> {
  return workPeriodically(boss, IMAP_POLL_QUEUE, imap.pollSeconds, async () => {
    const summary = await pollImapMailbox(db, { url: imap.url, config: imap.config, storage });
    if (summary.imported || summary.pending) logger.info({ door: "imap", ...summary }, "IMAP mailbox polled");
  });
}
