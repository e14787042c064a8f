// An event's `data`: the Message or Ticket exactly as the API answers it, rendered at the first attempt and then
// frozen on the event, so that every retry and every endpoint gets the same body under the same event id.
import type { Prisma, Db } from "@helpdesk/db";
import { AppError } from "../errors.ts";
import { getMessage } from "../services/messages/read.ts";
import { getTicket } from "../services/tickets/tickets.ts";

/** What render answers when the subject no longer exists: an undone message (CONTRACT §12) is never announced. */
export const SUBJECT_GONE = Symbol("subject gone");

export async function frozenPayload(db: Db, event: { id: string; type: string; subjectId: string }): Promise<Prisma.JsonValue | typeof SUBJECT_GONE> {
  let data: unknown;
  try {
    data = event.type.startsWith("message.") ? await getMessage(db, event.subjectId) : await getTicket(db, event.subjectId);
  } catch (error) {
    if (error instanceof AppError && error.code === "NOT_FOUND") return SUBJECT_GONE;
    throw error;
  }
  // Whoever renders first wins; the stored JSON is what every attempt sends.
  const [row] = await db.$queryRaw<{ payload: Prisma.JsonValue }[]>`
    UPDATE "WebhookEvent" SET payload = coalesce(payload, ${JSON.stringify(data)}::jsonb) WHERE id = ${event.id} RETURNING payload`;
  return row?.payload ?? SUBJECT_GONE;
}
