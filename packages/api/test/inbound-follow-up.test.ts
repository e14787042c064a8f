// CONTRACT §11: mail to a closed ticket opens one follow-up, and later mail about either ticket finds that follow-up,
// whichever ticket token its subject still carries.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { getDb, newId } from "@helpdesk/db";
import { createTestDatabase, type TestDatabase } from "@helpdesk/db/testing";
import { afterAll, beforeAll, expect, it } from "vitest";
import { LocalDiskStorage, receiveEmail } from "../src/index.ts";

let database: TestDatabase;
let storage: LocalDiskStorage;
const config = { addresses: ["support@example.com"], fromEmail: "support@example.com", maxBytes: 1024 * 1024 };

beforeAll(async () => {
  database = await createTestDatabase("inbound_follow_up");
  process.env.DATABASE_URL = database.url;
  storage = new LocalDiskStorage(await mkdtemp(path.join(tmpdir(), "helpdesk-inbound-follow-up-")));
});

afterAll(async () => {
  await getDb().$disconnect();
  await database?.stop();
  await rm(storage.dir, { recursive: true, force: true });
});

let sequence = 0;
const mailWithSubject = (subject: string) =>
  Buffer.from(`From: Sam <sam@customer.test>\r\nTo: support@example.com\r\nSubject: ${subject}\r\nMessage-ID: <follow-${++sequence}@customer.test>\r\n\r\nHello again\r\n`);

it("opens one follow-up of a closed ticket, named without the old token, and threads later mail into it", async () => {
  const closedId = newId("tkt");
  await getDb().ticket.create({ data: { id: closedId, subject: "Printer", status: "closed", closedAt: new Date(), requesterEmail: "sam@customer.test" } });

  const first = await receiveEmail(getDb(), mailWithSubject(`Re: Printer [${closedId}]`), { door: "http" }, { storage, config });
  expect(first.outcome).toBe("follow_up");
  const followUp = await getDb().ticket.findUniqueOrThrow({ where: { id: first.ticketId ?? "" } });
  expect(followUp).toMatchObject({ subject: "Re: Printer", followUpOfId: closedId, status: "new", requesterEmail: "sam@customer.test" });

  // Our reply on the follow-up says "Re: Re: Printer [tkt_follow-up]"; a client that keeps the old subject too:
  const both = await receiveEmail(getDb(), mailWithSubject(`Re: Re: Printer [${closedId}] [${followUp.id}]`), { door: "http" }, { storage, config });
  const again = await receiveEmail(getDb(), mailWithSubject(`Re: Printer [${closedId}]`), { door: "http" }, { storage, config });
  expect([both, again].map((result) => [result.outcome, result.ticketId])).toEqual([["appended", followUp.id], ["appended", followUp.id]]);
  expect(await getDb().ticket.count({ where: { followUpOfId: closedId } })).toBe(1);
  expect((await getDb().ticket.findUniqueOrThrow({ where: { id: closedId } })).status).toBe("closed");
});
