// One database, a slow SMTP server and a production server delivering to it, for the tests that stop or kill the
// server while mail is being sent and then start another one on the same database.
import { createTestDatabase, type TestDatabase } from "@helpdesk/db/testing";
import { afterAll, beforeAll } from "vitest";
import { createSmtp, mailEnv, type TestSmtp } from "./mail.ts";
import { type RunningServer, startServer } from "./server.ts";
import { dbFor } from "./users.ts";

export interface MailingServer {
  database: TestDatabase;
  smtp: TestSmtp;
  /** The running server; `restart()` replaces it. */
  server: RunningServer;
  db(): ReturnType<typeof dbFor>;
  /** A new server process on the same database and mail server. */
  restart(): Promise<RunningServer>;
}

/** `envelopeDelayMs` slows the mail server so that a batch of mail is still being sent when the server goes. */
export function mailingServerFixture(label: string, envelopeDelayMs: number): MailingServer {
  const fixture = {} as MailingServer;
  let env: Record<string, string> = {};
  beforeAll(async () => {
    fixture.database = await createTestDatabase(label);
    fixture.smtp = await createSmtp({ envelopeDelayMs });
    await fixture.smtp.start();
    env = { ...mailEnv(fixture.smtp), HELPDESK_RATE_LIMIT_PER_MINUTE: "1000000" };
    await fixture.restart();
  });
  afterAll(async () => {
    await fixture.server?.stop();
    await fixture.smtp?.stop();
    await fixture.db().$disconnect();
    await fixture.database?.stop();
  });
  fixture.db = () => dbFor(fixture.database.url);
  fixture.restart = async () => (fixture.server = await startServer({ databaseUrl: fixture.database.url, env }));
  return fixture;
}
