// Turns an outbox row into a mail: HTML and text parts, attachments streamed from storage, threading headers.
import type { Readable } from "node:stream";
import type { Db } from "@helpdesk/db";
import type { TRecipient } from "@helpdesk/validators";
import type { SendMailOptions } from "nodemailer";
import { replyToAddress } from "../inbound/addresses.ts";
import type { AttachmentStorage } from "../storage/index.ts";
import type { OutgoingEmail } from "./outbox.ts";

/** How many earlier mails `References` names besides the ticket's root id. */
const REFERENCES_MAX = 20;

export interface ComposedMail {
  options: SendMailOptions;
  /** The attachment streams, to be closed whatever happens to the send. */
  streams: Readable[];
}

export const messageIdHeader = (id: string, domain: string) => `<${id}@${domain}>`;

export async function composeMail(db: Db, storage: AttachmentStorage, email: OutgoingEmail, { from, domain }: { from: string; domain: string }): Promise<ComposedMail> {
  const message = await db.message.findUniqueOrThrow({
    where: { id: email.messageId },
    select: { id: true, ticketId: true, content: true, textContent: true, isForward: true, createdAt: true },
  });
  const references = [messageIdHeader(message.ticketId, domain), ...(await earlierMails(db, message)).map((id) => messageIdHeader(id, domain))];
  const files = await attachmentsOf(db, message);
  const streams: Readable[] = [];
  try {
    for (const file of files) streams.push(await storage.get(file.storageKey));
  } catch (error) {
    for (const stream of streams) stream.destroy();
    throw error;
  }
  return {
    streams,
    options: {
      from,
      // Answers come back to the ticket through the inbound doors (CONTRACT §11), whatever the client keeps of the thread.
      replyTo: replyToAddress(from, message.ticketId),
      to: addresses(email.to),
      cc: addresses(email.cc),
      subject: email.subject,
      html: message.content,
      text: message.textContent,
      messageId: messageIdHeader(message.id, domain),
      inReplyTo: references.at(-1),
      references,
      attachments: files.map((file, index) => ({ filename: file.name, contentType: file.contentType, content: streams[index] })),
    },
  };
}

const addresses = (list: TRecipient[]) => list.map(({ email, name }) => (name ? { name, address: email } : email));

interface MessageFacts {
  id: string;
  ticketId: string;
  isForward: boolean;
  createdAt: Date;
}

/**
 * The ticket's earlier mails of the same kind (customer replies, or forwards), oldest first, so that the
 * customer's client threads the conversation; mails that failed never reached anyone and are left out.
 */
async function earlierMails(db: Db, message: MessageFacts): Promise<string[]> {
  const rows = await db.message.findMany({
    where: {
      ticketId: message.ticketId,
      sendEmail: true,
      isForward: message.isForward,
      deliveryStatus: { not: "failed" },
      id: { not: message.id },
      createdAt: { lte: message.createdAt },
    },
    select: { id: true },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: REFERENCES_MAX,
  });
  return rows.map((row) => row.id).reverse();
}

/**
 * The message's own attachments. A forward also carries what the conversation it forwards carried: the files of the
 * ticket's earlier requests and customer replies (notes are internal and never leave the helpdesk).
 */
async function attachmentsOf(db: Db, message: MessageFacts) {
  const select = { name: true, contentType: true, storageKey: true } as const;
  const own = await db.attachment.findMany({ where: { messageId: message.id }, select, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
  if (!message.isForward) return own;
  const forwarded = await db.attachment.findMany({
    where: {
      message: { ticketId: message.ticketId, type: { in: ["request", "response"] }, isForward: false, createdAt: { lte: message.createdAt } },
      messageId: { not: message.id },
    },
    select,
    orderBy: [{ message: { createdAt: "asc" } }, { messageId: "asc" }, { createdAt: "asc" }, { id: "asc" }],
  });
  return [...forwarded, ...own];
}
