import { newId, type Db, type MessageSource, type Prisma } from "@helpdesk/db";
import type { TCreateMessageBody, TMessage } from "@helpdesk/validators";
import { messageContent } from "../../content/message-content.ts";
import { AppError } from "../../errors.ts";
import { publish } from "../../events/bus.ts";
import { queueEmail } from "../../mail/outbox.ts";
import { idempotent } from "../idempotency.ts";
import { lockTicket } from "../tickets/tickets.ts";
import { advanceTicket, assertClientStatus, assertNotClosed } from "../tickets/status.ts";
import { claimAttachments } from "./attachments.ts";
import { uniqueAddresses } from "./recipients.ts";
import { messageSelect, toMessage } from "./serialize.ts";

export interface CreateMessageOptions {
  authorId: string;
  source: MessageSource;
  idempotencyKey?: string;
}

/** Creates a message and applies its ticket_update in one transaction: both happen or neither does. */
export async function createMessage(db: Db, input: TCreateMessageBody, options: CreateMessageOptions): Promise<TMessage> {
  assertClientStatus(input.ticket_update?.status);
  if (input.recipients && !input.is_forward) {
    throw new AppError("VALIDATION_ERROR", "Some fields are missing or invalid.", {
      recipients: [{ code: "INVALID", message: "Recipients are only used when forwarding (is_forward: true)." }],
    });
  }
  // Sanitising is pure work: done before the transaction so the ticket's row lock is held briefly.
  const { content, textContent } = messageContent(input.content, input.text_content);
  const scope = options.idempotencyKey ? { userId: options.authorId, key: options.idempotencyKey, request: input } : null;
  return idempotent(db, scope, (tx) => insertMessage(tx, input, { ...options, content, textContent }));
}

async function insertMessage(
  tx: Prisma.TransactionClient,
  input: TCreateMessageBody,
  { authorId, source, content, textContent }: CreateMessageOptions & { content: string; textContent: string },
): Promise<TMessage> {
  const ticket = await lockTicket(tx, input.ticket_id);
  assertNotClosed(ticket);
  const now = new Date();
  const ccs = uniqueAddresses(input.ccs);
  const sendsEmail = input.type === "response" && input.send_email;
  const to = input.is_forward ? uniqueAddresses(input.recipients) : [{ email: ticket.requesterEmail, name: ticket.requesterName }];
  const id = newId("msg");

  await tx.message.create({
    data: {
      id, ticketId: ticket.id, type: input.type, content, textContent, authorId, source, createdAt: now, updatedAt: now,
      ccs, recipients: input.type === "response" || input.is_forward ? to : [], isForward: input.is_forward,
      sendEmail: sendsEmail, deliveryStatus: sendsEmail ? "queued" : "not_sent",
    },
  });
  if (input.attachments?.length) await claimAttachments(tx, input.attachments, { uploaderId: authorId, messageId: id, now });
  if (sendsEmail) {
    const prefix = input.is_forward ? "Fwd" : "Re";
    // The ticket id in the subject threads the customer's answer even when their client drops the reply headers.
    await queueEmail(tx, { messageId: id, ticketId: ticket.id, to, cc: ccs, subject: `${prefix}: ${ticket.subject} [${ticket.id}]` });
  }
  await advanceTicket(tx, ticket, { type: input.type, update: input.ticket_update, now });
  await publish(tx, { kind: "message.created", ticketId: ticket.id, messageId: id });
  const row = await tx.message.findUniqueOrThrow({ where: { id }, select: messageSelect });
  return toMessage(row);
}
