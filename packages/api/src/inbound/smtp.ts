// The SMTP door (CONTRACT §11): a listener inside the server that takes mail for our addresses and hands each one to
// the pipeline. It answers 250 only once the mail is stored, and a temporary failure (451) when it could not be, so
// that the sending server keeps the mail and tries again: no mail is lost to a database outage.
import type { AddressInfo } from "node:net";
import type { Db } from "@helpdesk/db";
import { logger } from "@helpdesk/log";
import { SMTPServer, type SMTPServerDataStream } from "smtp-server";
import type { AttachmentStorage } from "../storage/index.ts";
import { isOurAddress } from "./addresses.ts";
import { receiveEmail } from "./receive.ts";
import type { InboundConfig } from "./types.ts";

export interface SmtpDoorOptions {
  /** 0: any free port (tests); the bound one is returned. */
  port: number;
  /** Unset: every interface. */
  host?: string;
  config: InboundConfig;
  storage?: AttachmentStorage;
}

export interface SmtpDoor {
  port: number;
  /** Stops taking connections and waits for the ones open (smtp-server's closeTimeout at most). */
  close(): Promise<void>;
}

/** An error smtp-server answers with this reply code (enhanced status codes go in the text: they are off by default). */
const smtpReply = (responseCode: number, text: string) => Object.assign(new Error(text), { responseCode });

export async function startSmtpDoor(db: Db, options: SmtpDoorOptions): Promise<SmtpDoor> {
  const { config, storage } = options;
  const server = new SMTPServer({
    // Mail from the world to us only: nobody logs in, and without TLS certificates of ours there is no STARTTLS.
    disabledCommands: ["AUTH", "STARTTLS"],
    // Advertised as SIZE; a mail over it is answered 552 whatever onData does.
    size: config.maxBytes,
    rejectOversized: true,
    // Each connection may hold one mail of up to `size` bytes in memory while it is stored.
    maxClients: 20,
    logger: false,
    // On shutdown, a connection still open after this is told 421 and closed: an idle sender's connection must not
    // hold the stop for smtp-server's default 30 s, and a mail cut short is retried by its sender.
    closeTimeout: 10_000,
    onRcptTo(address, _session, callback) {
      if (isOurAddress(address.address, config)) return callback();
      callback(smtpReply(550, "5.1.1 No such mailbox here"));
    },
    onData(stream, session, callback) {
      collect(stream).then((raw) => {
        // Refused with 552 by the server itself: the mail is incomplete, nothing is stored.
        if (stream.sizeExceeded || !raw) return callback();
        const envelopeFrom = session.envelope.mailFrom ? session.envelope.mailFrom.address : null;
        receiveEmail(db, raw, { door: "smtp", envelopeFrom }, { storage, config }).then(
          // The pipeline logs what became of the mail.
          (result) => callback(null, `OK: ${result.outcome}`),
          (error: unknown) => {
            logger.error({ err: error, door: "smtp", size: raw.length }, "inbound mail not stored: the sender is asked to retry");
            callback(smtpReply(451, "4.3.0 The message could not be stored now, please try again later"));
          },
        );
      }, callback);
    },
  });
  // A client that drops its connection mid-mail is no reason to stop the door.
  server.on("error", (error) => logger.warn({ err: error, door: "smtp" }, "inbound SMTP connection error"));

  await new Promise<void>((resolve, reject) => {
    server.server.once("error", reject);
    server.listen(options.port, options.host, () => {
      server.server.off("error", reject);
      resolve();
    });
  });
  return {
    port: (server.server.address() as AddressInfo).port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The mail's bytes, or null once it went over the size limit (the rest is read and dropped, never held in memory). */
async function collect(stream: SMTPServerDataStream): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) {
    if (!stream.sizeExceeded) chunks.push(chunk as Buffer);
  }
  return stream.sizeExceeded ? null : Buffer.concat(chunks);
}
