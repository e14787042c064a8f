// A Message as answered (CONTRACT §5), read with raw SQL: one statement joins its attachments and its first email's
// delivery, with no ORM query building on the hot paths (list, by id, create).
import { Prisma } from "@helpdesk/db";
import type { TMessage, TRecipient } from "@helpdesk/validators";

export interface MessageRow {
  id: string;
  ticketId: string;
  type: TMessage["type"];
  content: string;
  textContent: string;
  authorId: string | null;
  fromEmail: string | null;
  fromName: string | null;
  source: TMessage["source"];
  ccs: unknown;
  recipients: unknown;
  isForward: boolean;
  deliveryStatus: TMessage["delivery"]["status"];
  /** Null once passed: the database's clock decides, as it does for undo and for the mail's start. */
  undoableUntil: Date | null;
  createdAt: Date;
  updatedAt: Date;
  attachments: { id: string; name: string; size: number; contentType: string }[];
  attempts: number | null;
  lastError: string | null;
}

/** The columns of a MessageRow for `FROM "Message" m ${messageJoins}`. */
export const messageColumns = Prisma.sql`
  m.id, m."ticketId", m.type::text AS type, m.content, m."textContent", m."authorId", m."fromEmail", m."fromName",
  m.source::text AS source, m.ccs, m.recipients, m."isForward", m."deliveryStatus"::text AS "deliveryStatus",
  CASE WHEN m."undoableUntil" > now() THEN m."undoableUntil" END AS "undoableUntil", m."createdAt", m."updatedAt", coalesce(a.list, '[]'::json) AS attachments, e.attempts, e."lastError"`;

export const messageJoins = Prisma.sql`
  LEFT JOIN LATERAL (
    SELECT json_agg(json_build_object('id', id, 'name', name, 'size', size, 'contentType', "contentType") ORDER BY "createdAt", id) AS list
    FROM "Attachment" WHERE "messageId" = m.id
  ) a ON true
  LEFT JOIN LATERAL (
    SELECT attempts, "lastError" FROM "OutgoingEmail" WHERE "messageId" = m.id ORDER BY "createdAt", id LIMIT 1
  ) e ON true`;

export const attachmentUrl = (id: string) => `/helpdesk/api/attachments/${id}`;

/** Addresses as stored in a jsonb column, as answered: jsonb does not keep key order, answers list email before name. */
export const storedAddresses = (value: unknown): TRecipient[] => (value as TRecipient[]).map(({ email, name }) => ({ email, name: name ?? null }));

export function toMessage(row: MessageRow): TMessage {
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
    ccs: storedAddresses(row.ccs),
    recipients: storedAddresses(row.recipients),
    isForward: row.isForward,
    delivery: { status: row.deliveryStatus, attempts: row.attempts ?? 0, lastError: row.lastError },
    undoableUntil: row.undoableUntil?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
