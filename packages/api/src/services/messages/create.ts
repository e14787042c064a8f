import { newId, type Db, type MessageSource, type Prisma } from "@helpdesk/db";
import { serverConfig, TAGS_MAX, type TCreateMessageBody, type TMessage } from "@helpdesk/validators";
import { messageContent } from "../../content/message-content.ts";
import { AppError, notFound } from "../../errors.ts";
import { queueEmail } from "../../mail/outbox.ts";
import { idempotent } from "../idempotency.ts";
import { assertClientStatus, assertNotClosed } from "../tickets/status.ts";
import { claimAttachments } from "./attachments.ts";
import { assertNothingNewSince } from "./stale-reply.ts";
import { uniqueAddresses } from "./recipients.ts";
import { type MessageRow, storedAddresses, toMessage } from "./serialize.ts";
import { writeMessage } from "./write.ts";

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
  // A plain message is one statement and needs no transaction of its own; files, mail, keys and the stale-reply
  // guard add statements to it.
  const single = !input.attachments?.length && !sendsEmail(input) && !input.last_seen_message_id;
  return idempotent(db, scope, (tx) => insertMessage(tx, input, { ...options, content, textContent }), { single });
}

const sendsEmail = (input: TCreateMessageBody) => input.type === "response" && input.send_email;

async function insertMessage(
  tx: Db | Prisma.TransactionClient,
  input: TCreateMessageBody,
  { authorId, source, content, textContent }: CreateMessageOptions & { content: string; textContent: string },
): Promise<TMessage> {
  // With last_seen_message_id the create is never `single`: tx is a transaction, so the guard holds the ticket lock.
  if (input.last_seen_message_id) await assertNothingNewSince(tx as Prisma.TransactionClient, input.ticket_id, input.last_seen_message_id, authorId);
  const now = new Date();
  const ccs = uniqueAddresses(input.ccs);
  const id = newId("msg");
  const written = await writeMessage(tx, {
    id, ticketId: input.ticket_id, type: input.type, content, textContent, authorId, from: null, source, ccs,
    recipients: input.is_forward ? uniqueAddresses(input.recipients) : input.type === "response" ? "requester" : [],
    isForward: input.is_forward === true, sendEmail: sendsEmail(input), update: input.ticket_update, now,
    undoSeconds: sendsEmail(input) ? serverConfig().HELPDESK_UNDO_SEND_SECONDS : 0,
  });
  if (!written) throw notFound("Ticket", input.ticket_id);
  assertNotClosed({ id: input.ticket_id, status: written.ticket.status });
  if (!written.message) {
    throw new AppError("VALIDATION_ERROR", "Some fields are missing or invalid.", {
      "ticket_update.add_tags": [{ code: "TOO_BIG", message: `A ticket has at most ${TAGS_MAX} tags.` }],
    });
  }
  const row = written.message as MessageRow;
  if (input.attachments?.length) row.attachments = await claimAttachments(tx, input.attachments, { uploaderId: authorId, messageId: id, now });
  if (sendsEmail(input)) {
    const prefix = input.is_forward ? "Fwd" : "Re";
    // The ticket id in the subject threads the customer's answer even when their client drops the reply headers.
    const subject = `${prefix}: ${written.ticket.subject} [${input.ticket_id}]`;
    const email = { messageId: id, ticketId: input.ticket_id, to: storedAddresses(row.recipients), cc: ccs, subject };
    // The mail's job starts when the undo window closes: until then nothing is sent.
    await queueEmail(tx, email, row.undoableUntil);
  }
  return toMessage(row);
}
