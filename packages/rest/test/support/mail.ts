// A real SMTP server on loopback that parses what it receives, a database of the mail tests' own (the workers take
// every queued email, so other files' outbox rows must not be in reach), and the real background work on pg-boss.
import { createCaller, MAIL_DEFAULTS, startBackgroundWork, stopJobSender, type BackgroundWork, type MailConfig } from "@helpdesk/api";
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

/**
 * Refuses RCPT TO for addresses starting with "bounce", as a server with no such mailbox does; takes `acceptDelayMs`
 * to accept each mail, as a slow server does.
 */
export function createSmtp(port: number, { acceptDelayMs = 0 } = {}): TestSmtp {
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
            setTimeout(() => {
              const envelope = session.envelope;
              received.push({
                mail,
                envelope: { from: envelope.mailFrom ? envelope.mailFrom.address : "", to: envelope.rcptTo.map((rcpt) => rcpt.address) },
              });
              callback();
            }, acceptDelayMs);
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

export async function startMailTestbed({ work }: { work: boolean }) {
  const database: TestDatabase = await createTestDatabase("mail");
  // Before the first getDb(): this file's client, API, job sender and workers all use the mail tests' database.
  process.env.DATABASE_URL = database.url;
  const smtp = createSmtp(await freePort());
  await smtp.start();
  // Short polls and backoffs (retries after 1–2 s, then 2–4 s, at most 4 s), so that retries happen within a test.
  const config = (overrides: Partial<MailConfig> = {}): MailConfig => ({
    ...MAIL_DEFAULTS,
    smtpUrl: smtp.url,
    from: FROM,
    pollIntervalSeconds: 0.5,
    retryDelaySeconds: 1,
    retryDelayMaxSeconds: 4,
    ...overrides,
  });
  const running = new Set<BackgroundWork>();
  /** Starts a server instance's background work (mail only) on the test database; stopped with the testbed. */
  const startWork = async (overrides: Partial<MailConfig> = {}, stopTimeoutMs = 10_000) => {
    const background = await startBackgroundWork(getDb(), { databaseUrl: database.url, mail: config(overrides), automations: null, stopTimeoutMs });
    running.add(background);
    return {
      async stop() {
        running.delete(background);
        await background.stop();
      },
    };
  };
  /** Waits until no email is queued or being sent. */
  const drained = async (timeoutMs = 20_000) => {
    for (const deadline = Date.now() + timeoutMs; Date.now() < deadline; await sleep(100)) {
      if ((await getDb().outgoingEmail.count({ where: { status: { in: ["queued", "sending"] } } })) === 0) return;
    }
    throw new Error("the outbox did not drain");
  };
  if (work) await startWork();
  return {
    smtp,
    config,
    startWork,
    drained,
    async stop() {
      await Promise.all([...running].map((background) => background.stop()));
      await stopJobSender();
      await smtp.stop();
      await getDb().$disconnect();
      await database.stop();
    },
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export type MailTestbed = Awaited<ReturnType<typeof startMailTestbed>>;

/**
 * startMailTestbed in this file's beforeAll (with one instance's background work running, unless `work` is false), stopped in its afterAll; the object it answers is filled in place by the
 * beforeAll. Call it before useApi, so that the mail tests' database is the one the server and the users are made in
 * (and the server is closed before the database stops).
 */
export function useMailTestbed(options = { work: true }): MailTestbed {
  const bed = {} as MailTestbed;
  beforeAll(async () => {
    Object.assign(bed, await startMailTestbed(options));
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
  return createCaller({ db: getDb(), user: { ...user }, headers: new Headers(), source: "api" as const });
}
