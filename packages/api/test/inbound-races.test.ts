// CONTRACT §11: the same mail arriving at several doors at once (a relay retrying while the IMAP poll runs) is one
// message, and the copies that lost the race leave no stored file behind.
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { getDb } from "@helpdesk/db";
import { createTestDatabase, type TestDatabase } from "@helpdesk/db/testing";
import { afterAll, beforeAll, expect, it } from "vitest";
import { LocalDiskStorage, receiveEmail, type InboundDoor } from "../src/index.ts";

let database: TestDatabase;
let storage: LocalDiskStorage;
const config = { addresses: ["support@example.com"], fromEmail: "support@example.com", maxBytes: 1024 * 1024 };

beforeAll(async () => {
  database = await createTestDatabase("inbound_races");
  process.env.DATABASE_URL = database.url;
  storage = new LocalDiskStorage(await mkdtemp(path.join(tmpdir(), "helpdesk-inbound-races-")));
});

afterAll(async () => {
  await getDb().$disconnect();
  await database?.stop();
  await rm(storage.dir, { recursive: true, force: true });
});

const mail = (messageId: string) =>
  Buffer.from(
    [
      "From: Robin Customer <robin@customer.test>", "To: support@example.com", "Subject: Invoice copy", `Message-ID: <${messageId}>`,
      'Content-Type: multipart/mixed; boundary="b"', "", "--b", "Content-Type: text/plain", "", "Could I have a copy?", "--b",
      'Content-Type: application/pdf; name="invoice.pdf"', "Content-Transfer-Encoding: base64", "", "JVBERi0xLjQK", "--b--", "",
    ].join("\r\n"),
  );

it("files one message when the same mail arrives eight times at once, through every door", async () => {
  const raw = mail("race-1@customer.test");
  const doors: InboundDoor[] = ["smtp", "http", "imap", "smtp", "http", "imap", "smtp", "http"];
  const results = await Promise.all(doors.map((door) => receiveEmail(getDb(), raw, { door }, { storage, config })));

  const outcomes = results.map((result) => result.outcome).sort();
  expect(outcomes).toEqual(["duplicate", "duplicate", "duplicate", "duplicate", "duplicate", "duplicate", "duplicate", "new_ticket"]);
  const messages = await getDb().message.findMany({ where: { fromEmail: "robin@customer.test" }, include: { attachments: true } });
  expect(messages).toHaveLength(1);
  expect(messages[0]?.attachments.map((file) => file.name)).toEqual(["invoice.pdf"]);
  expect(await getDb().inboundEmail.count({ where: { messageIdHeader: "<race-1@customer.test>" } })).toBe(1);
  // The original and the one attachment: nothing left over from the seven copies that lost.
  expect((await readdir(storage.dir)).sort()).toEqual([messages[0]?.attachments[0]?.storageKey, (await getDb().inboundEmail.findFirstOrThrow()).storageKey].sort());
});

it("threads replies that race their own ticket's creation into that one ticket", async () => {
  const first = mail("race-2@customer.test");
  await receiveEmail(getDb(), first, { door: "http" }, { storage, config });
  const replies = Array.from({ length: 5 }, (_, index) =>
    Buffer.from(`From: robin@customer.test\r\nTo: support@example.com\r\nSubject: Re: Invoice copy\r\nMessage-ID: <race-2-reply-${index}@customer.test>\r\nIn-Reply-To: <race-2@customer.test>\r\n\r\nReply ${index}\r\n`),
  );
  const results = await Promise.all(replies.map((raw) => receiveEmail(getDb(), raw, { door: "smtp" }, { storage, config })));
  expect(new Set(results.map((result) => result.outcome))).toEqual(new Set(["appended"]));
  const ticketIds = new Set(results.map((result) => result.ticketId));
  expect(ticketIds.size).toBe(1);
  const ticket = await getDb().ticket.findUniqueOrThrow({ where: { id: [...ticketIds][0] ?? "" } });
  expect(ticket.messageCount).toBe(6);
});

it("keeps an unreadable mail once however often a sender retries it, and one too large for a message as well", async () => {
  const garbage = Buffer.from("this is not a mail\r\nat all\r\n");
  const first = await receiveEmail(getDb(), garbage, { door: "smtp" }, { storage, config });
  const retry = await receiveEmail(getDb(), garbage, { door: "smtp" }, { storage, config });
  expect([first.outcome, retry.outcome]).toEqual(["unparseable", "duplicate"]);

  // The IMAP door cannot refuse a mail already in the mailbox: kept and listed, so the poll moves past it.
  const huge = Buffer.concat([mail("huge@customer.test"), Buffer.alloc(config.maxBytes, "a")]);
  expect((await receiveEmail(getDb(), huge, { door: "imap" }, { storage, config })).outcome).toBe("unparseable");
  const kept = await getDb().inboundEmail.findMany({ where: { outcome: "unparseable" }, orderBy: { receivedAt: "asc" } });
  expect(kept.map((row) => [row.door, row.size])).toEqual([["smtp", garbage.length], ["imap", huge.length]]);
  expect(kept[1]?.reason).toContain("larger than");
  await expect(receiveEmail(getDb(), huge, { door: "http" }, { storage, config })).rejects.toMatchObject({ code: "PAYLOAD_TOO_LARGE" });
});
