// CONTRACT §13, finding and answering: search, the queues' counts and macros. Part of the route table in routes.ts.
import {
  ZCreateMacroBody, ZMacro, ZMacroIdParam, ZMacroList, ZRenderedMacro, ZRenderMacroBody, ZSearchQuery, ZSearchResults,
  ZTicketCounts, ZUpdateMacroBody, ZBulkUpdateResult, ZBulkUpdateTicketsBody,
} from "@helpdesk/validators";
import { raw, type Route } from "./route.ts";

export const findingRoutes: Route[] = [
  {
    method: "GET", path: "/search", tag: "Search", summary: "Search tickets and messages", role: "viewer",
    description: [
      "Full-text search over ticket subjects, requesters (email and name) and every message's text, internal notes " +
        "included. Words are stemmed (`reset links` finds \"reset link\"); `\"a phrase\"`, `or` and `-word` work as in web search.",
      "- Best first: a ticket whose subject or requester matches ranks above one that only a message matches; then by " +
        "how well its best message matches, then by latest activity.",
      "- `matches`: the ticket's best matching messages (at most 3), each with a `snippet`: HTML-escaped text in which " +
        "only the matched words are wrapped in `<mark>` and `</mark>`.",
      "- An empty `q` answers `422` at `q`.",
    ].join("\n"),
    query: ZSearchQuery, response: ZSearchResults, call: (c, i) => c.search.query(raw(i)),
  },
  {
    method: "GET", path: "/tickets/counts", tag: "Tickets", summary: "Count the queues", role: "viewer",
    description: "For the caller: `unassigned` and `mine` count the tickets new, open or pending (with no assignee, " +
      "assigned to the caller); `new`, `open`, `pending` and `resolved` count every ticket in that status.",
    response: ZTicketCounts, call: (c) => c.ticket.counts(),
  },
  {
    method: "POST", path: "/tickets/bulk", tag: "Tickets", summary: "Change several tickets at once", role: "agent",
    description: [
      "Applies `changes` to every ticket in `ticket_ids` (1 to 100, each once) in one transaction, each ticket's " +
        "change recorded in its activity with the caller as the actor.",
      "- Every ticket that can take the changes does; the others stay as they were and are listed in `refused` with a " +
        "code: `TICKET_CLOSED` (a closed ticket is read-only), `NOT_FOUND` (no such ticket) or `VALIDATION_ERROR` " +
        "(`add_tags` would give it more than 20 tags). Both lists keep the order of `ticket_ids`.",
      "- `assignee_id: null` unassigns; `add_tags` keeps each ticket's tags and adds the new ones once each.",
      "- The whole request is refused, changing nothing, when `changes` is empty (`422`), asks for status `closed` " +
        "(`403 CLOSED_STATUS_SYSTEM_ONLY`) or names an unknown assignee (`404 NOT_FOUND`).",
    ].join("\n"),
    body: ZBulkUpdateTicketsBody, response: ZBulkUpdateResult, errors: ["NOT_FOUND", "CLOSED_STATUS_SYSTEM_ONLY"],
    call: (c, i) => c.ticket.bulkUpdate(raw(i)),
  },
  {
    method: "GET", path: "/macros", tag: "Macros", summary: "List macros", role: "agent",
    description: "Every macro (canned reply), by name.",
    response: ZMacroList, call: (c) => c.macro.list(),
  },
  {
    method: "POST", path: "/macros", tag: "Macros", summary: "Create a macro", role: "admin",
    description: "`content` is sanitized as a message's; it may hold the placeholders `{{ticket.requester_name}}`, " +
      "`{{ticket.id}}` and `{{agent.name}}`. A name already taken (in any case) answers `409 CONFLICT`.",
    body: ZCreateMacroBody, status: 201, response: ZMacro, errors: ["CONFLICT"],
    call: (c, i) => c.macro.create(raw(i)), location: (m) => `/macros/${m.id}`,
  },
  {
    method: "PATCH", path: "/macros/:macro_id", tag: "Macros", summary: "Update a macro", role: "admin",
    description: "A name already taken (in any case) answers `409 CONFLICT`.",
    params: ZMacroIdParam, body: ZUpdateMacroBody, response: ZMacro, errors: ["NOT_FOUND", "CONFLICT"],
    call: (c, i) => c.macro.update(raw(i)),
  },
  {
    method: "DELETE", path: "/macros/:macro_id", tag: "Macros", summary: "Delete a macro", role: "admin",
    params: ZMacroIdParam, status: 204, errors: ["NOT_FOUND"], call: (c, i) => c.macro.delete(raw(i)),
  },
  {
    method: "POST", path: "/macros/:macro_id/render", tag: "Macros", summary: "Fill a macro in for a ticket", role: "agent",
    description: "Answers what to send: the content with its placeholders filled from the ticket and the caller " +
      "(values HTML-escaped; a requester without a name is named by their email; an unknown placeholder stays as " +
      "typed), and the `ticket_update` and `add_tags` to send with it. Changes nothing.",
    params: ZMacroIdParam, body: ZRenderMacroBody, response: ZRenderedMacro, errors: ["NOT_FOUND"],
    call: (c, i) => c.macro.render(raw(i)),
  },
];
