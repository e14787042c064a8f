// A person's mail filed as a `request`: on the ticket it threads to, on a follow-up of a closed one, or on a new ticket.
import { Readable } from "node:stream";
import { newId, type Prisma } from "@helpdesk/db";
import { CCS_MAX, SUBJECT_MAX, type TRecipient } from "@helpdesk/validators";
import type { Attachment } from "mailparser";
import { publish } from "../events/bus.ts";
import type { AttachmentStorage } from "../storage/index.ts";
import { lockTicket } from "../services/tickets/tickets.ts";
import { advanceTicket } from "../services/tickets/status.ts";
import { isOurAddress, TICKET_ID_PATTERN } from "./addresses.ts";
import { inboundContent, normalizeCid } from "./body.ts";
import { type InboundMail, storable } from "./parse.ts";
import { findTicketId } from "./thread.ts";
import type { InboundConfig, InboundResult } from "./types.ts";

export interface StoredAttachment {
  id: string;
  name: string;
  size: number;
  contentType: string;
  cid: string | null;
}

const FILE_NAME_MAX = 255;

/** Stores each attachment and inline image under a new attachment id; `onStored` learns each key as it lands. */
export async function storeAttachments(storage: AttachmentStorage, files: Attachment[], onStored: (key: string) => void): Promise<StoredAttachment[]> {
  const stored: StoredAttachment[] = [];
  for (const [index, file] of files.entries()) {
    const id = newId("att");
    await storage.put(id, Readable.from([file.content]));
    onStored(id);
    const name = storable(file.filename ?? "").trim().slice(0, FILE_NAME_MAX) || `attachment-${index + 1}`;
    const cid = file.cid ?? file.contentId ?? null;
    stored.push({ id, name, size: file.size ?? file.content.length, contentType: storable(file.contentType || "application/octet-stream"), cid: cid ? normalizeCid(cid) : null });
  }
  return stored;
}

interface FilingContext {
  config: InboundConfig;
  attachments: StoredAttachment[];
  envelopeTo: string[];
}

type Filed = InboundResult & { outcome: "new_ticket" | "appended" | "follow_up"; ticketId: string; messageId: string };

export async function fileAsRequest(tx: Prisma.TransactionClient, mail: InboundMail, { config, attachments, envelopeTo }: FilingContext): Promise<Filed> {
  const found = await findTicketId(tx, mail, { config, envelopeTo });
  const threaded = found ? await lockTicket(tx, found) : null;
  // A second mail to a closed ticket joins the follow-up the first one opened, while that one is still open.
  const followUp = threaded?.status === "closed" ? await openFollowUp(tx, threaded.id) : null;
  const now = new Date();
  const ticket = followUp ?? (threaded && threaded.status !== "closed" ? threaded : await newTicket(tx, mail, threaded?.id ?? null, now));
  const outcome: Filed["outcome"] = ticket === threaded || ticket === followUp ? "appended" : threaded ? "follow_up" : "new_ticket";

  const messageId = newId("msg");
  const { content, textContent } = inboundContent(mail, new Map(attachments.flatMap((file) => (file.cid ? [[file.cid, file.id]] : []))));
  await tx.message.create({
    data: {
      id: messageId, ticketId: ticket.id, type: "request", content, textContent, authorId: null, source: "email",
      fromEmail: mail.from.email, fromName: mail.from.name, ccs: carbonCopies(mail, config), createdAt: now, updatedAt: now,
    },
  });
  if (attachments.length) {
    await tx.attachment.createMany({
      data: attachments.map(({ id, name, size, contentType }) => ({
        id, name, size, contentType, storageKey: id, messageId, createdAt: now, usedAt: now, expiresAt: now,
      })),
    });
  }
  await advanceTicket(tx, ticket, { type: "request", now });
  await publish(tx, { kind: "message.created", ticketId: ticket.id, messageId });
  return { outcome, ticketId: ticket.id, messageId };
}

async function openFollowUp(tx: Prisma.TransactionClient, closedId: string) {
  const latest = await tx.ticket.findFirst({ where: { followUpOfId: closedId }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], select: { id: true, status: true } });
  return latest && latest.status !== "closed" ? lockTicket(tx, latest.id) : null;
}

async function newTicket(tx: Prisma.TransactionClient, mail: InboundMail, followUpOfId: string | null, now: Date) {
  const id = newId("tkt");
  // Without our ticket tokens: the new ticket's mails add its own, and an old one would thread to the old ticket.
  const subject = mail.subject.replace(new RegExp(`\\s*\\[${TICKET_ID_PATTERN.source}\\]`, "g"), "").slice(0, SUBJECT_MAX).trim() || "(no subject)";
  await tx.ticket.create({
    data: { id, subject, requesterEmail: mail.from.email, requesterName: mail.from.name?.slice(0, 200) ?? null, followUpOfId, createdAt: now, updatedAt: now },
  });
  return { id, status: "new" as const };
}

/** Everyone else the customer wrote to: To and Cc, without us and without the customer. */
function carbonCopies(mail: InboundMail, config: InboundConfig): TRecipient[] {
  const seen = new Set([mail.from.email]);
  const copies: TRecipient[] = [];
  for (const recipient of [...mail.to, ...mail.cc]) {
    if (seen.has(recipient.email) || isOurAddress(recipient.email, config)) continue;
    seen.add(recipient.email);
    copies.push(recipient);
  }
  return copies.slice(0, CCS_MAX);
}
