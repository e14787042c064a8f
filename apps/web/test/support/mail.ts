// A real SMTP server on loopback for whole-server tests: it parses what it receives, so that tests can count each
// mail by its Message-ID (exactly once, whichever server process sent it). It can be stopped and started again on
// the same port, as an outage does.
import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";
import { freePort } from "@helpdesk/db/server";

export const FROM_EMAIL = "support@helpdesk.test";

/** The Message-ID our mails carry for a message: its id at the From address's domain. */
export const messageIdOf = (messageId: string) => `<${messageId}@helpdesk.test>`;

export interface TestSmtp {
  url: string;
  /** The Message-ID of every mail accepted so far, in order (a duplicate appears twice). */
  messageIds: string[];
  /** How many times the mail of this message was accepted. */
  countOf(messageId: string): number;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * `envelopeDelayMs` makes the server slow to accept each mail's sender, as a busy server is: a sender killed
 * meanwhile leaves no mail behind (the transaction never reached DATA), and its queue stays busy for longer.
 */
export async function createSmtp({ envelopeDelayMs = 0 } = {}): Promise<TestSmtp> {
  const port = await freePort();
  const messageIds: string[] = [];
  let server: SMTPServer | undefined;
  return {
    url: `smtp://127.0.0.1:${port}`,
    messageIds,
    countOf: (messageId) => messageIds.filter((id) => id === messageIdOf(messageId)).length,
    async start() {
      server = new SMTPServer({
        authOptional: true,
        disabledCommands: ["STARTTLS", "AUTH"],
        logger: false,
        // A stop (an outage) drops kept-alive client connections within a second instead of waiting for them.
        closeTimeout: 1000,
        onMailFrom(_address, _session, callback) {
          setTimeout(() => callback(), envelopeDelayMs);
        },
        onData(stream, _session, callback) {
          simpleParser(stream).then((mail) => {
            messageIds.push(mail.messageId ?? "");
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

/** Settings that make a server process deliver its mail to `smtp`. */
export const mailEnv = (smtp: TestSmtp) => ({ SMTP_URL: smtp.url, HELPDESK_FROM_EMAIL: FROM_EMAIL });
