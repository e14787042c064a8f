// Issue 10 (CONTRACT §11): the IMAP door against a real IMAP server (hoodiecrow-imap, in memory, on loopback) and the
// real database: one poll imports and marks, the next takes only what is new, and the job queue polls on its own.
import { mkdtemp, rm } from "node:fs/promises";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { buffer } from "node:stream/consumers";
import { createDb, getDb } from "@helpdesk/db";
import { freePort } from "@helpdesk/db/server";
import hoodiecrow from "hoodiecrow-imap";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { LocalDiskStorage, startBackgroundWork } from "../src/index.ts";
import { IMPORTED_KEYWORD, MAX_MAILS_PER_POLL, pollImapMailbox } from "../src/inbound/imap.ts";
import type { InboundConfig } from "../src/inbound/types.ts";
import { customerMail } from "./support/customer-mail.ts";

const config: InboundConfig = { addresses: ["support@helpdesk.test"], fromEmail: "support@helpdesk.test", maxBytes: 1024 * 1024 };
let storage: LocalDiskStorage;
const servers: ReturnType<typeof hoodiecrow>[] = [];

beforeAll(async () => {
  storage = new LocalDiskStorage(await mkdtemp(path.join(tmpdir(), "helpdesk-inbound-imap-")));
});

afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise<void>((resolve) => server.close(() => resolve()))));
});

afterAll(async () => {
  await rm(storage.dir, { recursive: true, force: true });
});

/** A fresh IMAP server whose INBOX holds these mails; its URL carries an encoded password, as a real one may. */
async function imapServer(raws: string[], { keywords = true } = {}) {
  const server = hoodiecrow({
    users: { "help desk": { password: "p@ss/word" } },
    storage: { INBOX: { messages: raws.map((raw) => ({ raw })), allowPermanentFlags: keywords }, "": {} },
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.server.address() as AddressInfo;
  const inbox = () => server.getMailbox("INBOX").messages;
  return { server, inbox, url: `imap://help%20desk:${encodeURIComponent("p@ss/word")}@127.0.0.1:${port}/INBOX` };
}

const inboundRow = (messageId: string) => getDb().inboundEmail.findUnique({ where: { messageIdHeader: messageId } });

describe("polling an IMAP mailbox", () => {
  it("imports every mail once, marks it, and takes a mail that arrives later at the next poll", async () => {
    const mails = [customerMail(), customerMail(), customerMail()];
    const { server, inbox, url } = await imapServer(mails.map((mail) => mail.raw));

    expect(await pollImapMailbox(getDb(), { url, config, storage })).toEqual({ imported: 3, pending: 0, outcomes: { new_ticket: 3 } });
    for (const mail of mails) {
      const row = await inboundRow(mail.messageId);
      expect(row).toMatchObject({ door: "imap", outcome: "new_ticket", fromEmail: mail.from });
      const ticket = await getDb().ticket.findUniqueOrThrow({ where: { id: row!.ticketId! }, include: { messages: true } });
      expect(ticket).toMatchObject({ subject: mail.subject, requesterEmail: mail.from });
      expect(ticket.messages).toMatchObject([{ id: row!.messageId, type: "request", source: "email" }]);
    }
    for (const message of inbox()) expect(message.flags).toEqual(expect.arrayContaining([IMPORTED_KEYWORD, "\\Seen"]));

    expect(await pollImapMailbox(getDb(), { url, config, storage })).toEqual({ imported: 0, pending: 0, outcomes: {} });

    const later = customerMail();
    server.appendMessage("INBOX", [], undefined, later.raw);
    expect(await pollImapMailbox(getDb(), { url, config, storage })).toEqual({ imported: 1, pending: 0, outcomes: { new_ticket: 1 } });
    expect(await inboundRow(later.messageId)).toMatchObject({ outcome: "new_ticket" });
  });

  it("keeps an unparseable mail as an InboundEmail row for the admins, and marks it", async () => {
    const raw = `this is not a mail: no header, no sender ${Date.now()}\r\n`;
    const { inbox, url } = await imapServer([raw]);
    const since = new Date();
    expect(await pollImapMailbox(getDb(), { url, config, storage })).toMatchObject({ imported: 1, outcomes: { unparseable: 1 } });
    const rows = await getDb().inboundEmail.findMany({ where: { door: "imap", outcome: "unparseable", receivedAt: { gte: since } } });
    expect(rows).toMatchObject([{ ticketId: null, messageId: null, size: raw.length }]);
    // The original is kept, byte for byte, for the admins to download.
    expect((await buffer(await storage.get(rows[0]!.storageKey))).toString()).toBe(raw);
    expect(inbox()[0]!.flags).toEqual(expect.arrayContaining([IMPORTED_KEYWORD, "\\Seen"]));
  });

  it("falls back to \\Seen alone in a mailbox that cannot keep keywords", async () => {
    const mail = customerMail();
    const { inbox, url } = await imapServer([mail.raw], { keywords: false });
    expect(await pollImapMailbox(getDb(), { url, config, storage })).toMatchObject({ imported: 1 });
    expect(inbox()[0]!.flags).toEqual(["\\Seen"]);
    expect(await pollImapMailbox(getDb(), { url, config, storage })).toMatchObject({ imported: 0, pending: 0 });
    expect(await inboundRow(mail.messageId)).toMatchObject({ outcome: "new_ticket" });
  });

  it(`takes at most ${MAX_MAILS_PER_POLL} mails a poll, oldest first, and the rest at the next`, async () => {
    // One mail many times over: the copies after the first are duplicates, quick to go through.
    const mail = customerMail();
    const { inbox, url } = await imapServer(Array.from({ length: MAX_MAILS_PER_POLL + 2 }, () => mail.raw));
    expect(await pollImapMailbox(getDb(), { url, config, storage })).toEqual({
      imported: MAX_MAILS_PER_POLL,
      pending: 2,
      outcomes: { new_ticket: 1, duplicate: MAX_MAILS_PER_POLL - 1 },
    });
    expect(inbox().slice(-2).map((message) => message.flags)).toEqual([[], []]);
    expect(await pollImapMailbox(getDb(), { url, config, storage })).toEqual({ imported: 2, pending: 0, outcomes: { duplicate: 2 } });
  });

  it("stops at a mail the pipeline could not store and leaves it and the rest unmarked for the next poll", async () => {
    const mails = [customerMail(), customerMail()];
    const { inbox, url } = await imapServer(mails.map((mail) => mail.raw));
    const awayDb = createDb(`postgresql://helpdesk:helpdesk@127.0.0.1:${await freePort()}/helpdesk`, { max: 1 });
    try {
      expect(await pollImapMailbox(awayDb, { url, config, storage })).toEqual({ imported: 0, pending: 2, outcomes: {} });
    } finally {
      await awayDb.$disconnect();
    }
    expect(inbox().map((message) => message.flags)).toEqual([[], []]);
    expect(await pollImapMailbox(getDb(), { url, config, storage })).toEqual({ imported: 2, pending: 0, outcomes: { new_ticket: 2 } });
  });
});

describe("the IMAP polling job", () => {
  it("polls on its own, every pollSeconds, once started with the background work", async () => {
    vi.spyOn(console, "log").mockImplementation(() => {});
    const first = customerMail();
    const { server, url } = await imapServer([first.raw]);
    const background = await startBackgroundWork(getDb(), {
      databaseUrl: process.env.DATABASE_URL!,
      mail: null,
      automations: null,
      imap: { url, pollSeconds: 0.5, config },
      storage,
    });
    try {
      await vi.waitFor(async () => expect(await inboundRow(first.messageId)).toMatchObject({ outcome: "new_ticket" }), { timeout: 10_000, interval: 200 });
      const later = customerMail();
      server.appendMessage("INBOX", [], undefined, later.raw);
      await vi.waitFor(async () => expect(await inboundRow(later.messageId)).toMatchObject({ outcome: "new_ticket" }), { timeout: 10_000, interval: 200 });
    } finally {
      await background.stop();
    }
  });
});
