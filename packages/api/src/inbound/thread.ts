// Which ticket a mail belongs to (CONTRACT §11): the mails it answers, else the ticket id in the address it was sent
// to, else the ticket id in its subject; null for a new conversation.
import type { Prisma } from "@helpdesk/db";
import { TICKET_ID_PATTERN, ticketIdInAddress } from "./addresses.ts";
import type { InboundMail } from "./parse.ts";
import type { InboundConfig } from "./types.ts";

const OUR_ID = /^<(msg|tkt)_([0-9a-z]{26})@/;

export async function findTicketId(
  tx: Prisma.TransactionClient,
  mail: InboundMail,
  { config, envelopeTo = [] }: { config: InboundConfig; envelopeTo?: string[] },
): Promise<string | null> {
  for (const answered of mail.answers) {
    const ticketId = await ticketOfMail(tx, answered);
    if (ticketId) return ticketId;
  }
  const recipients = [...mail.to, ...mail.cc].map((recipient) => recipient.email).concat(envelopeTo);
  const candidates = [
    ...recipients.map((address) => ticketIdInAddress(address, config)),
    // The last one: a follow-up's subject may still carry its closed ticket's token before its own.
    mail.subject.match(new RegExp(TICKET_ID_PATTERN.source, "g"))?.at(-1) ?? null,
  ].filter((id): id is string => id !== null);
  for (const id of candidates) {
    if (await tx.ticket.findUnique({ where: { id }, select: { id: true } })) return id;
  }
  return null;
}

/** The ticket of a mail we sent (`<msg_…@>`, or the ticket's root id `<tkt_…@>`) or received earlier. */
async function ticketOfMail(tx: Prisma.TransactionClient, messageIdHeader: string): Promise<string | null> {
  const ours = OUR_ID.exec(messageIdHeader);
  if (ours?.[1] === "tkt") return (await tx.ticket.findUnique({ where: { id: `tkt_${ours[2]}` }, select: { id: true } }))?.id ?? null;
  if (ours?.[1] === "msg") return (await tx.message.findUnique({ where: { id: `msg_${ours[2]}` }, select: { ticketId: true } }))?.ticketId ?? null;
  return (await tx.inboundEmail.findUnique({ where: { messageIdHeader }, select: { ticketId: true } }))?.ticketId ?? null;
}
