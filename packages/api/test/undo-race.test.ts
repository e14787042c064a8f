// CONTRACT §12, undo send: the mail worker and an undo racing for one response. Whichever takes the outbox row first
// wins: either the undo succeeds and no mail ever leaves, or the mail is (being) sent and the undo is refused.
import { once } from "node:events";
import { mkdtemp, rm } from "node:fs/promises";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { getDb, newId } from "@helpdesk/db";
import { createTestDatabase, type TestDatabase } from "@helpdesk/db/testing";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, expect, it } from "vitest";
import { AppError, createMailTransport, LocalDiskStorage, MAIL_DEFAULTS, stopJobSender } from "../src/index.ts";
import { deliverEmailJob } from "../src/mail/worker.ts";
import { createMessage, undoMessage } from "../src/services/messages/index.ts";

let database: TestDatabase;
let storage: LocalDiskStorage;
let smtp: SMTPServer;
let smtpUrl: string;
/** The msg_ ids of every mail the SMTP server accepted, read from their Message-ID headers. */
const delivered: string[] = [];

beforeAll(async () => {
  database = await createTestDatabase("undo_race");
  process.env.DATABASE_URL = database.url;
  process.env.HELPDESK_UNDO_SEND_SECONDS = "60";
  storage = new LocalDiskStorage(await mkdtemp(path.join(tmpdir(), "helpdesk-undo-race-")));
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onData(stream, _session, callback) {
      let raw = "";
      stream.on("data", (chunk: Buffer) => (raw += chunk.toString("latin1")));
      stream.on("end", () => {
        const id = /^Message-ID: <(msg_[0-9a-z]+)@/im.exec(raw)?.[1];
        if (id) delivered.push(id);
        callback();
      });
    },
  });
  smtp.listen(0, "127.0.0.1");
  await once(smtp.server, "listening");
  smtpUrl = `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  process.env.HELPDESK_UNDO_SEND_SECONDS = "0";
  await stopJobSender();
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
  await getDb().$disconnect();
  await database?.stop();
  await rm(storage.dir, { recursive: true, force: true });
});

const RUNS = 100;

it(`never sends a withdrawn response's mail: undo and delivery raced ${RUNS} times`, async () => {
  const db = getDb();
  const agent = await db.user.create({ data: { id: newId("usr"), email: "racer@example.test", name: "Racer", passwordHash: "x", role: "agent" } });
  const ticket = await db.ticket.create({ data: { id: newId("tkt"), subject: "Race", requesterEmail: "casey@customer.test" } });
  const transport = createMailTransport(smtpUrl);
  const deps = { transport, storage, config: { ...MAIL_DEFAULTS, smtpUrl, from: "support@helpdesk.test" } };
  const outcomes = { undone: 0, sent: 0 };

  for (let run = 0; run < RUNS; run++) {
    const message = await createMessage(db, { ticket_id: ticket.id, type: "response", content: `<p>Answer ${run}</p>`, send_email: true, is_forward: false }, { authorId: agent.id, source: "api" });
    expect(message.undoableUntil).not.toBeNull();
    const [email] = await db.outgoingEmail.findMany({ where: { messageId: message.id } });
    const job = { id: `job-${run}`, data: { emailId: email!.id }, retryCount: 0, retryLimit: 7 };
    // The delivery starts up to 9 ms later, so that each side wins some of the runs.
    const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
    const [undo, delivery] = await Promise.allSettled([
      undoMessage(db, message.id, agent.id),
      delay(run % 10).then(() => deliverEmailJob(db, deps, job)),
    ]);
    expect(delivery.status).toBe("fulfilled");
    if (undo.status === "fulfilled") {
      outcomes.undone++;
      expect(delivered).not.toContain(message.id);
      expect(await db.message.count({ where: { id: message.id } })).toBe(0);
      expect(await db.outgoingEmail.count({ where: { messageId: message.id } })).toBe(0);
    } else {
      outcomes.sent++;
      expect(undo.reason).toBeInstanceOf(AppError);
      expect((undo.reason as AppError).code).toBe("CONFLICT");
      expect(delivered.filter((id) => id === message.id)).toHaveLength(1);
      expect(await db.outgoingEmail.findFirst({ where: { messageId: message.id }, select: { status: true } })).toEqual({ status: "sent" });
    }
  }
  transport.close();
  console.log(`undo/delivery race: ${outcomes.undone} undone (no mail), ${outcomes.sent} sent (undo refused)`);
  expect(outcomes.undone + outcomes.sent).toBe(RUNS);
  // Every accepted mail belongs to a message that still exists: none of a withdrawn one ever left.
  expect(await db.message.count({ where: { id: { in: delivered } } })).toBe(delivered.length);
}, 120_000);
