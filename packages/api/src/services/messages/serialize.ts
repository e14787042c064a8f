import type { Prisma } from "@helpdesk/db";
import type { TMessage, TRecipient } from "@helpdesk/validators";

export const messageSelect = {
  id: true, ticketId: true, type: true, content: true, textContent: true, authorId: true, fromEmail: true, fromName: true,
  source: true, ccs: true, recipients: true,
  isForward: true, deliveryStatus: true, createdAt: true, updatedAt: true,
  attachments: { select: { id: true, name: true, size: true, contentType: true }, orderBy: { createdAt: "asc" } },
  emails: { select: { attempts: true, lastError: true }, orderBy: { createdAt: "asc" }, take: 1 },
} satisfies Prisma.MessageSelect;

export type MessageRow = Prisma.MessageGetPayload<{ select: typeof messageSelect }>;

export const attachmentUrl = (id: string) => `/helpdesk/api/attachments/${id}`;

// jsonb does not keep key order; answers list email before name.
const addresses = (value: unknown) => (value as TRecipient[]).map(({ email, name }) => ({ email, name }));

export function toMessage(row: MessageRow): TMessage {
  const email = row.emails[0];
  return {
    id: row.id,
    ticketId: row.ticketId,
    type: row.type,
    content: row.content,
    textContent: row.textContent,
    authorId: row.authorId,
    from: row.fromEmail ? { email: row.fromEmail, name: row.fromName } : null,
    source: row.source,
    attachments: row.attachments.map((attachment) => ({ ...attachment, url: attachmentUrl(attachment.id) })),
    ccs: addresses(row.ccs),
    recipients: addresses(row.recipients),
    isForward: row.isForward,
    delivery: { status: row.deliveryStatus, attempts: email?.attempts ?? 0, lastError: email?.lastError ?? null },
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
