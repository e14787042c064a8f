// A real SMTP server on loopback that parses what it receives, a database of the mail tests' own (the delivery
// passes take every due email, so other files' outbox rows must not be in reach), and a clock the tests move.
import { createCaller, createMailTransport, deliverDueEmails, getAttachmentStorage, MAIL_DEFAULTS, type MailConfig } from "@helpdesk/api";
import { getDb } from "@helpdesk/db";
import { freePort } from "@helpdesk/db/server";
import { createTestDatabase, type TestDatabase } from "@helpdesk/db/testing";
import { simpleParser, type AddressObject, type ParsedMail } from "mailparser";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll } from "vitest";

export const FROM = "support@helpdesk.test";

export interface ReceivedMail {
  mail: ParsedMail;
  envelope: { from: string; to: string[] };
}

export interface TestSmtp {
  port: number;
  url: string;
  received: ReceivedMail[];
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** Refuses RCPT TO for addresses starting with "bounce", as a server with no such mailbox does. */
export function createSmtp(port: number): TestSmtp {
  const received: ReceivedMail[] = [];
  let server: SMTPServer | undefined;
  return {
    port,
    url: `smtp://127.0.0.1:${port}`,
    received,
    async start() {
      server = new SMTPServer({
        authOptional: true,
        disabledCommands: ["STARTTLS", "AUTH"],
        logger: false,
        onRcptTo(address, _session, callback) {
          if (address.address.startsWith("bounce")) return callback(Object.assign(new Error("No such user here"), { responseCode: 550 }));
          callback();
        },
        onData(stream, session, callback) {
          simpleParser(stream).then((mail) => {
            const envelope = session.envelope;
            received.push({
              mail,
              envelope: { from: envelope.mailFrom ? envelope.mailFrom.address : "", to: envelope.rcptTo.map((rcpt) => rcpt.address) },
            });
            callback();
          }, callback);
        },
      });
      await new Promise<void>((resolve, reject) => {
        server!.once("error", reject);
        server!.listen(port, "127.0.0.1", () => resolve());
      });
    },
    async stop() {
      await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
      server = undefined;
    },
  };
}

export async function startMailTestbed() {
  const database: TestDatabase = await createTestDatabase("mail");
  // Before the first getDb(): this file's client, API and passes all use the mail tests' database.
  process.env.DATABASE_URL = database.url;
  const smtp = createSmtp(await freePort());
  await smtp.start();
  // Real time plus an offset that tests move forward, past a retry's backoff or a claim's lease.
  const clock = { offset: 0, advance: (ms: number) => void (clock.offset += ms) };
  const config = (overrides: Partial<MailConfig> = {}): MailConfig => ({
    ...MAIL_DEFAULTS,
    smtpUrl: smtp.url,
    from: FROM,
    now: () => new Date(Date.now() + clock.offset),
    ...overrides,
  });
  /** One delivery pass at the test clock's time, over SMTP to `smtpUrl` (the test server by default). */
  const pass = (overrides: Partial<MailConfig> = {}) => {
    const settings = config(overrides);
    const transport = createMailTransport(settings.smtpUrl);
    return deliverDueEmails(getDb(), { transport, storage: getAttachmentStorage(), config: settings }).finally(() => transport.close());
  };
  return {
    smtp,
    clock,
    config,
    pass,
    async stop() {
      await smtp.stop();
      await getDb().$disconnect();
      await database.stop();
    },
  };
}

export type MailTestbed = Awaited<ReturnType<typeof startMailTestbed>>;

/**
 * startMailTestbed in this file's beforeAll, stopped in its afterAll; the object it answers is filled in place by the
 * beforeAll. Call it before useApi, so that the mail tests' database is the one the server and the users are made in
 * (and the server is closed before the database stops).
 */
export function useMailTestbed(): MailTestbed {
  const bed = {} as MailTestbed;
  beforeAll(async () => {
    Object.assign(bed, await startMailTestbed());
  });
  afterAll(() => bed.stop());
  return bed;
}

export const messageIdOf = (id: string) => `<${id}@helpdesk.test>`;

export const mailsFor = (smtp: TestSmtp, messageId: string) => smtp.received.filter(({ mail }) => mail.messageId === messageIdOf(messageId));

export function addresses(field: AddressObject | AddressObject[] | undefined) {
  const list = Array.isArray(field) ? field : field ? [field] : [];
  return list.flatMap((group) => group.value.map(({ address, name }) => ({ email: address, name: name || null })));
}

export async function agentCaller(userId: string) {
  const user = await getDb().user.findUniqueOrThrow({ where: { id: userId } });
  return createCaller({ db: getDb(), user: { ...user }, headers: new Headers() });
}
