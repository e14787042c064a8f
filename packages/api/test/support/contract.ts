// What the contract's JSON looks like, for the procedures' tests here and the REST adapter's tests over HTTP (which
// import it as @helpdesk/api/test-support/contract): both doors answer the same Message.
import { expect } from "vitest";

export const ISO_UTC_MS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
export const MESSAGE_ID = /^msg_[0-9a-z]{26}$/;
export const TICKET_ID = /^tkt_[0-9a-z]{26}$/;
/** Well-formed ids that no row has. */
export const UNKNOWN_TICKET_ID = "tkt_01jzzzzzzzzzzzzzzzzzzzzzzz";
export const UNKNOWN_MESSAGE_ID = "msg_01jzzzzzzzzzzzzzzzzzzzzzzz";

/** The whole Message a new note is answered as: no attachments, ccs or recipients, no email, fresh timestamps. */
export function newNote(fields: { ticketId: string; content: string; textContent: string; authorId: string | undefined; source?: "api" | "console" }) {
  return {
    id: expect.stringMatching(MESSAGE_ID),
    ticketId: fields.ticketId,
    type: "note",
    content: fields.content,
    textContent: fields.textContent,
    authorId: fields.authorId,
    from: null,
    source: fields.source ?? "api",
    attachments: [],
    ccs: [],
    recipients: [],
    isForward: false,
    delivery: { status: "not_sent", attempts: 0, lastError: null },
    undoableUntil: null,
    createdAt: expect.stringMatching(ISO_UTC_MS),
    updatedAt: expect.stringMatching(ISO_UTC_MS),
  };
}
