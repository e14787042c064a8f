// A real SMTP client (nodemailer) for the tests that send customers' mail to the server's inbound SMTP door.
// nodemailer is no dependency of this app; smtp-server, which is, depends on it, so it is loaded from there rather
// than hand-writing an SMTP client.
import { createRequire } from "node:module";

interface SentInfo {
  accepted: string[];
  rejected: string[];
  /** The server's last reply, e.g. "250 OK: new_ticket". */
  response: string;
}

interface Transport {
  sendMail(mail: { envelope: { from: string; to: string[] }; raw: string | Buffer }): Promise<SentInfo>;
  close(): void;
}

const requireHere = createRequire(import.meta.url);
const nodemailer = createRequire(requireHere.resolve("smtp-server"))("nodemailer") as {
  createTransport(options: Record<string, unknown>): Transport;
};

/** Sends a raw mail, byte for byte, to the SMTP server on loopback `port`; answers the server's reply. */
export async function sendOverSmtp(port: number, raw: string | Buffer, envelope: { from: string; to: string[] }): Promise<SentInfo> {
  // No TLS: the door offers no STARTTLS, and the mail never leaves loopback.
  const transport = nodemailer.createTransport({ host: "127.0.0.1", port, secure: false, ignoreTLS: true, connectionTimeout: 10_000 });
  try {
    return await transport.sendMail({ envelope, raw });
  } finally {
    transport.close();
  }
}
