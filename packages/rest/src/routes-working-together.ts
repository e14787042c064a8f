// CONTRACT §12, working together: undo send, the ticket's activity and server drafts. Part of the route table in
// routes.ts.
import { ZDraft, ZMessage, ZMessageIdParam, ZSaveDraftBody, ZTicketEventList, ZTicketIdParam } from "@helpdesk/validators";
import { raw, type Route } from "./route.ts";

export const workingTogetherRoutes: Route[] = [
  {
    method: "POST", path: "/messages/:message_id/undo", tag: "Messages", summary: "Undo a sent response", role: "agent",
    description: "Withdraws a response within its undo window (`undoableUntil`): the message is gone from the thread, " +
      "its lists and counts (`GET` answers 404), its mail is never sent, and the audit keeps a copy. Answers the " +
      "withdrawn message. Only its author may undo it (`403 FORBIDDEN`); after the window, or once its mail is being " +
      "sent, `409 CONFLICT`.",
    params: ZMessageIdParam, response: ZMessage, errors: ["NOT_FOUND", "CONFLICT"],
    call: (c, i) => c.message.undo(raw(i)),
  },
  {
    method: "GET", path: "/tickets/:ticket_id/events", tag: "Tickets", summary: "List a ticket's activity", role: "viewer",
    description: "Every change of the ticket's status, priority, type, assignee and tags (`kind: \"ticket.updated\"`, " +
      "`changes: { field: { from, to } }` with only the fields that changed), whoever made it: `actorId` is the user, or " +
      "null for the system (the auto-close automation, a customer's mail reopening the ticket). A withdrawn reply is " +
      "`kind: \"message.withdrawn\"`. Oldest first, not paginated: the newest 1,000 at most. An unknown ticket `404 NOT_FOUND`.",
    params: ZTicketIdParam, response: ZTicketEventList, errors: ["NOT_FOUND"], call: (c, i) => c.ticket.events(raw(i)),
  },
  {
    method: "GET", path: "/tickets/:ticket_id/draft", tag: "Tickets", summary: "Your draft on a ticket", role: "agent",
    description: "The message you are writing on this ticket, as last saved from any browser; only you see it. None: " +
      "`404 NOT_FOUND`. Uploads that were sent on a message or expired meanwhile are left out.",
    params: ZTicketIdParam, response: ZDraft, errors: ["NOT_FOUND"], call: (c, i) => c.draft.get(raw(i)),
  },
  {
    method: "PUT", path: "/tickets/:ticket_id/draft", tag: "Tickets", summary: "Save your draft on a ticket", role: "agent",
    description: [
      "One draft per user per ticket; it may be unfinished (empty `content`, no recipients, addresses as typed).",
      "- `version` is the draft's version you last saw (`0` when you have none); any other answers `409 CONFLICT` " +
        "with `details.currentVersion`, and of two saves from one version exactly one wins. The answer has the new `version`.",
      "- `attachments[].token` must be your live upload tokens (else `422` at `attachments.N.token`); saving keeps each " +
        "upload for at least 7 days.",
      "- Closed tickets take no drafts (`403 TICKET_CLOSED`); sending a message on the ticket deletes your draft.",
    ].join("\n"),
    params: ZTicketIdParam, body: ZSaveDraftBody, response: ZDraft,
    errors: ["NOT_FOUND", "TICKET_CLOSED", "CLOSED_STATUS_SYSTEM_ONLY", "CONFLICT"], call: (c, i) => c.draft.save(raw(i)),
  },
  {
    method: "DELETE", path: "/tickets/:ticket_id/draft", tag: "Tickets", summary: "Discard your draft on a ticket", role: "agent",
    description: "Answers `204` whether or not there was a draft; an unknown ticket `404 NOT_FOUND`.",
    params: ZTicketIdParam, status: 204, errors: ["NOT_FOUND"], call: (c, i) => c.draft.discard(raw(i)),
  },
];
