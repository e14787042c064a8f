// A person's mail filed as a `request`: on the ticket it threads to, on a follow-up of a closed one, or on a new ticket.
import { Readable } from "node:stream";
import { newId, type Prisma } from "@helpdesk/db";
import { CCS_MAX, SUBJECT_MAX, type TRecipient } from "@helpdesk/validators";
import type { Attachment } from "mailparser";
import type { AttachmentStorage } from "../storage/index.ts";
import { writeMessage } from "../services/messages/write.ts";
import { isOurAddress, TICKET_ID_PATTERN } from "./addresses.ts";
import { inboundContent, normalizeCid } from "./body.ts";
import type { InboundMail } from "./parse.ts";
import { storableText } from "@helpdesk/validators";
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
    const name = storableText(file.filename ?? "").trim().slice(0, FILE_NAME_MAX) || `attachment-${index + 1}`;
    const cid = file.cid ?? file.contentId ?? null;
    stored.push({ id, name, size: file.size ?? file.content.length, contentType: storableText(file.contentType || "application/octet-stream"), cid: cid ? normalizeCid(cid) : null });
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
  const now = new Date();
  const messageId = newId("msg");
  const { content, textContent } = inboundContent(mail, new Map(attachments.flatMap((file) => (file.cid ? [[file.cid, file.id]] : []))));
  const write = (ticketId: string) =>
    writeMessage(tx, {
      id: messageId, ticketId, type: "request", content, textContent, authorId: null, from: mail.from, source: "email",
      ccs: carbonCopies(mail, config), recipients: [], isForward: false, sendEmail: false, now,
    }).then((written) => Boolean(written?.message));

  const found = await findTicketId(tx, mail, { config, envelopeTo });
  let filed: Pick<Filed, "outcome" | "ticketId"> | null = null;
  if (found && (await write(found))) filed = { outcome: "appended", ticketId: found };
  // The ticket is closed: a second mail joins the follow-up the first one opened, while that one is still open.
  const followUp = found && !filed ? await latestFollowUp(tx, found) : null;
  if (followUp && (await write(followUp))) filed = { outcome: "appended", ticketId: followUp };
  if (!filed) {
    const ticketId = await newTicket(tx, mail, found, now);
    await write(ticketId);
    filed = { outcome: found ? "follow_up" : "new_ticket", ticketId };
  }
  if (attachments.length) {
    await tx.attachment.createMany({
      data: attachments.map(({ id, name, size, contentType }) => ({
        id, name, size, contentType, storageKey: id, messageId, createdAt: now, usedAt: now, expiresAt: now,
      })),
    });
  }
  return { ...filed, messageId };
}

async function latestFollowUp(tx: Prisma.TransactionClient, closedId: string): Promise<string | null> {
  const latest = await tx.ticket.findFirst({ where: { followUpOfId: closedId }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], select: { id: true } });
  return latest?.id ?? null;
}

async function newTicket(tx: Prisma.TransactionClient, mail: InboundMail, followUpOfId: string | null, now: Date) {
  const id = newId("tkt");
  // Without our ticket tokens: the new ticket's mails add its own, and an old one would thread to the old ticket.
  const subject = mail.subject.replace(new RegExp(`\\s*\\[${TICKET_ID_PATTERN.source}\\]`, "g"), "").slice(0, SUBJECT_MAX).trim() || "(no subject)";
  await tx.ticket.create({
    data: { id, subject, requesterEmail: mail.from.email, requesterName: mail.from.name?.slice(0, 200) ?? null, followUpOfId, createdAt: now, updatedAt: now },
  });
  return id;
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
