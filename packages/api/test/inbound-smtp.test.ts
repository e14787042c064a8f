// Issue 10 (CONTRACT §11): the SMTP door. Real mail goes over SMTP (nodemailer) to the listener on loopback; the
// pipeline stores it in the real database.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { createDb, getDb } from "@helpdesk/db";
import { freePort } from "@helpdesk/db/server";
import nodemailer from "nodemailer";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { LocalDiskStorage, startSmtpDoor, type SmtpDoor } from "../src/index.ts";
import type { InboundConfig } from "../src/inbound/types.ts";
import { customerMail } from "./support/customer-mail.ts";

const config: InboundConfig = { addresses: ["support@helpdesk.test"], fromEmail: "support@helpdesk.test", maxBytes: 64 * 1024 };
let storage: LocalDiskStorage;
let door: SmtpDoor;

beforeAll(async () => {
  vi.spyOn(console, "log").mockImplementation(() => {});
  storage = new LocalDiskStorage(await mkdtemp(path.join(tmpdir(), "helpdesk-inbound-smtp-")));
  door = await startSmtpDoor(getDb(), { port: 0, host: "127.0.0.1", config, storage });
});

afterAll(async () => {
  await door?.close();
  await rm(storage.dir, { recursive: true, force: true });
});

function send(port: number, mail: { from: string; raw: string }, to: string) {
  const transport = nodemailer.createTransport({ host: "127.0.0.1", port, secure: false, ignoreTLS: true });
  return transport.sendMail({ envelope: { from: mail.from, to: [to] }, raw: mail.raw }).finally(() => transport.close());
}

/** The SMTP reply code a refused send carries. */
const refusal = (sending: Promise<unknown>) => sending.then(() => 250, (error: { responseCode?: number }) => error.responseCode);

const inboundRows = (messageId: string) => getDb().inboundEmail.findMany({ where: { messageIdHeader: messageId } });

describe("the SMTP door", () => {
  it("turns a new mail into a ticket whose first message is the customer's request", async () => {
    const mail = customerMail();
    const info = await send(door.port, mail, "support@helpdesk.test");
    expect(info.response).toMatch(/^250 /);

    const [row] = await inboundRows(mail.messageId);
    expect(row).toMatchObject({ door: "smtp", outcome: "new_ticket", fromEmail: mail.from });
    const ticket = await getDb().ticket.findUniqueOrThrow({ where: { id: row!.ticketId! }, include: { messages: true } });
    expect(ticket).toMatchObject({ subject: mail.subject, requesterEmail: mail.from, requesterName: "Ann Customer", status: "new" });
    expect(ticket.messages).toHaveLength(1);
    expect(ticket.messages[0]).toMatchObject({ id: row!.messageId, type: "request", authorId: null, fromEmail: mail.from, source: "email" });
    expect(ticket.messages[0]!.textContent).toContain("My printer is on fire.");
  });

  it("refuses a recipient that is not ours with 550 and stores nothing", async () => {
    const mail = customerMail({ to: "someone@elsewhere.test" });
    expect(await refusal(send(door.port, mail, "someone@elsewhere.test"))).toBe(550);
    expect(await inboundRows(mail.messageId)).toEqual([]);
    expect(await getDb().ticket.count({ where: { subject: mail.subject } })).toBe(0);
  });

  it("accepts our addresses' plus-addressed forms, in any case", async () => {
    for (const to of ["support+anything@helpdesk.test", "Support+Other@HELPDESK.test"]) {
      const mail = customerMail({ to });
      await send(door.port, mail, to);
      expect(await inboundRows(mail.messageId)).toMatchObject([{ outcome: "new_ticket" }]);
    }
  });

  it("refuses a mail over the size limit with 552 and stores nothing", async () => {
    const mail = customerMail({ body: "fire ".repeat(config.maxBytes / 4) });
    expect(await refusal(send(door.port, mail, "support@helpdesk.test"))).toBe(552);
    expect(await inboundRows(mail.messageId)).toEqual([]);
  });

  it("accepts the same mail twice and keeps one message", async () => {
    const mail = customerMail();
    await send(door.port, mail, "support@helpdesk.test");
    const again = await send(door.port, mail, "support@helpdesk.test");
    expect(again.response).toMatch(/^250 .*duplicate/);
    const rows = await inboundRows(mail.messageId);
    expect(rows).toHaveLength(1);
    expect(await getDb().message.count({ where: { ticketId: rows[0]!.ticketId! } })).toBe(1);
  });

  it("answers a temporary failure while the database is away, so that the sender's retry gets the mail in", async () => {
    // A door whose database is a port nobody listens on: the shared test database stays up for the other tests.
    const awayDb = createDb(`postgresql://helpdesk:helpdesk@127.0.0.1:${await freePort()}/helpdesk`, { max: 1 });
    const awayDoor = await startSmtpDoor(awayDb, { port: 0, host: "127.0.0.1", config, storage });
    const mail = customerMail();
    try {
      const code = await refusal(send(awayDoor.port, mail, "support@helpdesk.test"));
      expect(code).toBeGreaterThanOrEqual(400);
      expect(code).toBeLessThan(500);
      expect(await inboundRows(mail.messageId)).toEqual([]);
    } finally {
      await awayDoor.close();
      await awayDb.$disconnect();
    }
    // The sending server retries (here: at the door whose database is back).
    await send(door.port, mail, "support@helpdesk.test");
    expect(await inboundRows(mail.messageId)).toMatchObject([{ outcome: "new_ticket" }]);
  });
});
