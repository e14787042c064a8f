// The REST surface: each route names the procedure it runs. Inputs are the path parameters merged with the query
// string (GET) or the JSON body; validation, roles and business rules all live in the procedures. The schemas and
// texts beside each route are the same ones the procedures validate with, and `GET /openapi.json` is generated from
// this table, so the document cannot drift from what is served.
import {
  ZCreateMessageBody, ZCreateTicketBody, ZCreateUserBody, ZIdempotencyKeyHeader, ZListMessagesQuery, ZListTicketsQuery,
  ZListUsersQuery, ZMessage, ZMessageIdParam, ZMessageList, ZSession, ZSignInBody, ZTicket, ZTicketIdParam, ZTicketList,
  ZUpdateTicketBody, ZUpdateUserBody, ZUser, ZUserIdParam, ZUserList,
} from "@helpdesk/validators";
import {
  INBOUND_MEDIA_TYPE, isStorableText, UPLOAD_MEDIA_TYPE, ZAttachmentIdParam, ZAttachmentUpload, ZInboundEmailIdParam,
  ZInboundEmailList, ZInboundReceipt, ZInboundSetup, ZListInboundEmailsQuery,
} from "@helpdesk/validators";
import { z } from "zod";
import { createOpenApiDocument } from "./openapi.ts";
import { raw, type Route } from "./route.ts";
import { findingRoutes } from "./routes-finding.ts";
import { webhookRoutes } from "./routes-webhooks.ts";
import { workingTogetherRoutes } from "./routes-working-together.ts";

export type { Route } from "./route.ts";

// Built on first request: the table does not change while the server runs.
let apiDocument: ReturnType<typeof createOpenApiDocument> | undefined;

export const routes: Route[] = [
  {
    method: "POST", path: "/auth/session", tag: "Auth", summary: "Sign in",
    description: "Returns the same session token the console's cookie holds; send it as `Authorization: Bearer <token>`. " +
      "Wrong email or password: `401 INVALID_CREDENTIALS` (one answer for both). More than 10 failed attempts for one " +
      "email within 15 minutes: `429 RATE_LIMIT_EXCEEDED` with `Retry-After`.",
    body: ZSignInBody, status: 201, response: ZSession, errors: ["INVALID_CREDENTIALS"],
    call: (c, i) => c.auth.createSession(raw(i)),
  },
  {
    method: "DELETE", path: "/auth/session", tag: "Auth", summary: "Sign out everywhere", role: "viewer",
    description: "Every token of this user issued before is rejected from then on.",
    status: 204, call: (c) => c.auth.deleteSession(),
  },
  {
    method: "GET", path: "/messages", tag: "Messages", summary: "List messages", role: "viewer",
    description: "Returns a paginated list of messages for a given ticket, ordered by `createdAt` (ties by `id`). " +
      "A page past the end answers `200` with empty `data`; an unknown ticket `404 NOT_FOUND`.",
    query: ZListMessagesQuery, response: ZMessageList, errors: ["NOT_FOUND"],
    call: (c, i) => c.message.list(raw(i)),
  },
  {
    method: "GET", path: "/messages/:message_id", tag: "Messages", summary: "Retrieve a message", role: "viewer",
    params: ZMessageIdParam, response: ZMessage, call: (c, i) => c.message.byId(raw(i)),
  },
  {
    method: "POST", path: "/messages", tag: "Messages", summary: "Create a message", role: "agent",
    description: [
      "Creates a reply, response, or internal note on a ticket. Answers with a `Location` header.\n",
      "| Type | Description |\n|---|---|",
      "| request | Inbound message from the customer |",
      "| response | Outbound reply from an agent (sends email by default) |",
      "| note | Internal note: never sent or shown to customers; every staff role reads it |\n",
      "- `type: \"response\"` with `send_email` true (the default) queues one email to the requester plus `ccs`; with " +
        "`is_forward: true` it goes to `recipients` instead (then `recipients` is required, 1–50 entries). `note` and " +
        "`request` never send email, whatever `send_email` says.",
      "- `ticket_update` is applied in the same transaction as the message: both happen or neither does.",
      "- A `request` on a `pending` or `resolved` ticket reopens it to `open` unless `ticket_update.status` says otherwise.",
      "- `ccs`: at most 48 entries, valid emails, de-duplicated case-insensitively.",
      "- `attachments` reference upload tokens; each token is used once.",
      "- Closed tickets take no messages (`403 TICKET_CLOSED`); only the system sets `closed` (`403 CLOSED_STATUS_SYSTEM_ONLY`).",
      "- `last_seen_message_id`: when a message by someone else was added to the ticket after that one, nothing is created " +
        "and the answer is `409 CONFLICT` with `details.newMessageIds`; sending again without it (or with the newest id) sends.",
      "- A response that sends email waits `HELPDESK_UNDO_SEND_SECONDS` (default 10) before its mail leaves; until " +
        "`undoableUntil` its author can take it back with `POST /messages/:message_id/undo`.",
    ].join("\n"),
    body: ZCreateMessageBody, status: 201, response: ZMessage, errors: ["NOT_FOUND", "TICKET_CLOSED", "CLOSED_STATUS_SYSTEM_ONLY", "CONFLICT"],
    call: (c, i) => c.message.create(raw(i)),
    location: (m) => `/messages/${m.id}`,
    headers: { "Idempotency-Key": "idempotency_key" },
    headerSchema: z.object({ "Idempotency-Key": ZIdempotencyKeyHeader }),
  },
  {
    method: "GET", path: "/tickets", tag: "Tickets", summary: "List tickets", role: "viewer",
    query: ZListTicketsQuery, response: ZTicketList, call: (c, i) => c.ticket.list(raw(i)),
  },
  {
    method: "POST", path: "/tickets", tag: "Tickets", summary: "Create a ticket", role: "agent",
    description: "`content` becomes the ticket's first `request` message. Only the system sets `closed`.",
    body: ZCreateTicketBody, status: 201, response: ZTicket, errors: ["CLOSED_STATUS_SYSTEM_ONLY"],
    call: (c, i) => c.ticket.create(raw(i)), location: (t) => `/tickets/${t.id}`,
  },
  {
    method: "GET", path: "/tickets/:ticket_id", tag: "Tickets", summary: "Retrieve a ticket", role: "viewer",
    params: ZTicketIdParam, response: ZTicket, call: (c, i) => c.ticket.byId(raw(i)),
  },
  {
    method: "PATCH", path: "/tickets/:ticket_id", tag: "Tickets", summary: "Update a ticket", role: "agent",
    description: "A closed ticket is read-only for everyone; only the system sets `closed`.",
    params: ZTicketIdParam, body: ZUpdateTicketBody, response: ZTicket, errors: ["TICKET_CLOSED", "CLOSED_STATUS_SYSTEM_ONLY"],
    call: (c, i) => c.ticket.update(raw(i)),
  },
  {
    method: "GET", path: "/users/me", tag: "Users", summary: "The signed-in user", role: "viewer",
    response: ZUser, call: (c) => c.user.me(),
  },
  {
    method: "GET", path: "/users", tag: "Users", summary: "List users", role: "admin",
    query: ZListUsersQuery, response: ZUserList, call: (c, i) => c.user.list(raw(i)),
  },
  {
    method: "POST", path: "/users", tag: "Users", summary: "Create a user", role: "admin",
    description: "An email already taken answers `409 CONFLICT`.",
    body: ZCreateUserBody, status: 201, response: ZUser, errors: ["CONFLICT"],
    call: (c, i) => c.user.create(raw(i)), location: (u) => `/users/${u.id}`,
  },
  {
    method: "PATCH", path: "/users/:user_id", tag: "Users", summary: "Update a user", role: "admin",
    description: "A changed role or deactivation takes effect on the user's next request. Demoting or deactivating " +
      "the last active admin answers `409 CONFLICT`.",
    params: ZUserIdParam, body: ZUpdateUserBody, response: ZUser, errors: ["CONFLICT"], call: (c, i) => c.user.update(raw(i)),
  },
  {
    method: "GET", path: "/openapi.json", tag: "Docs", summary: "This API as an OpenAPI 3.1 document", public: true,
    response: z.looseObject({ openapi: z.string() }).describe("OpenAPI 3.1 document"),
    call: async () => (apiDocument ??= createOpenApiDocument(routes)),
  },
  {
    method: "POST", path: "/attachments", tag: "Attachments", summary: "Upload a file", role: "agent",
    description: "`multipart/form-data` with the file in the field `file`; streamed to storage, never held in memory. " +
      "Answers an upload token for `attachments[].token` of `POST /messages`: it expires after 1 hour, only its uploader " +
      "can use it, and only once. Over `HELPDESK_MAX_UPLOAD_BYTES` (25 MiB by default): `413 PAYLOAD_TOO_LARGE`; " +
      "another media type: `415 UNSUPPORTED_MEDIA_TYPE`; no file in `file`: `422` at `file`.",
    upload: UPLOAD_MEDIA_TYPE, status: 201, response: ZAttachmentUpload, errors: ["BAD_REQUEST", "VALIDATION_ERROR", "PAYLOAD_TOO_LARGE", "UNSUPPORTED_MEDIA_TYPE"],
    call: (c, i) => c.attachment.upload(raw(i)),
  },
  {
    method: "GET", path: "/attachments/:attachment_id", tag: "Attachments", summary: "Download a file", role: "viewer",
    description: "Streams the file with its content type, `Content-Disposition: attachment` (the name as an ASCII " +
      "fallback and as UTF-8 `filename*`) and `X-Content-Type-Options: nosniff`. A file not yet on a message is " +
      "visible to its uploader only, until its token expires; to anyone else it is `404 NOT_FOUND`.",
    params: ZAttachmentIdParam, download: true, call: (c, i) => c.attachment.download(raw(i)),
  },
  {
    method: "GET", path: "/messages/:message_id/original", tag: "Messages", summary: "Download the mail a message came from", role: "viewer",
    description: "The customer's mail exactly as it arrived, as `message/rfc822` (`<message_id>.eml`). A message that did " +
      "not come by mail has none: `404 NOT_FOUND`.",
    params: ZMessageIdParam, download: true, call: (c, i) => c.message.original(raw(i)),
  },
  {
    method: "POST", path: "/inbound/email", tag: "Inbound", summary: "Receive a raw mail", public: true, inboundSecret: true,
    description: [
      "For mail relays (a Postfix pipe, a provider's raw-MIME forwarding): the raw RFC 822 message as the body, " +
        "`Content-Type: message/rfc822`, `Authorization: Bearer <HELPDESK_INBOUND_SECRET>`. While the secret is unset " +
        "the route answers `404`.",
      "- A reply threads by `In-Reply-To`/`References`, else by the ticket id in the address (`support+tkt_…@`) or the subject; else it opens a new ticket.",
      "- A mail to a closed ticket opens a follow-up (`followUpOfId`); the same Message-ID twice creates nothing the second time (`duplicate`).",
      "- Auto-replies, bulk mail, our own mail and mailer-daemon notices are `ignored`; a delivery failure report marks the outgoing mail it names `failed` (`bounce`).",
      "- Wrong secret: `401`; not a mail that can be read: `422` (the relay should keep it); over `HELPDESK_MAX_UPLOAD_BYTES`: `413`.",
    ].join("\n"),
    upload: INBOUND_MEDIA_TYPE, status: 202, response: ZInboundReceipt,
    errors: ["UNAUTHORIZED", "VALIDATION_ERROR", "PAYLOAD_TOO_LARGE", "UNSUPPORTED_MEDIA_TYPE", "NOT_FOUND"],
    headers: { Authorization: "authorization" },
    call: (c, i) => c.inbound.receive(raw(i)),
  },
  {
    method: "GET", path: "/inbound/emails", tag: "Inbound", summary: "List received mails", role: "admin",
    description: "Every mail the doors received, newest first, with what became of it; `outcome=unparseable` lists the ones kept for a person to look at.",
    query: ZListInboundEmailsQuery, response: ZInboundEmailList, call: (c, i) => c.inbound.list(raw(i)),
  },
  {
    method: "GET", path: "/inbound/emails/:inbound_id/original", tag: "Inbound", summary: "Download a received mail", role: "admin",
    params: ZInboundEmailIdParam, download: true, call: (c, i) => c.inbound.original(raw(i)),
  },
  {
    method: "GET", path: "/inbound/setup", tag: "Inbound", summary: "How mail reaches this server", role: "admin",
    response: ZInboundSetup, call: (c) => c.inbound.setup(),
  },
  ...workingTogetherRoutes,
  ...findingRoutes,
  ...webhookRoutes,
];

export interface RouteMatch {
  route: Route;
  params: Record<string, string>;
}

/**
 * A path segment's text, or null when its percent-encoding is broken or it decodes to text PostgreSQL cannot store
 * (NUL): such a path names nothing, so it is a 404 like any unknown id, not a 422 at a field the client never named.
 */
function decodePathSegment(segment: string): string | null {
  try {
    const decoded = decodeURIComponent(segment);
    return isStorableText(decoded) ? decoded : null;
  } catch {
    return null;
  }
}

function matchPath(pattern: string, path: string): Record<string, string> | null {
  const expected = pattern.split("/");
  const actual = path.split("/");
  if (expected.length !== actual.length) return null;
  const params: Record<string, string> = {};
  for (const [index, segment] of expected.entries()) {
    const value = actual[index] ?? "";
    if (segment.startsWith(":")) {
      if (!value) return null;
      const decoded = decodePathSegment(value);
      if (decoded === null) return null;
      params[segment.slice(1)] = decoded;
    } else if (segment !== value) {
      return null;
    }
  }
  return params;
}

/** The route for a method and path, or which methods the path allows when the method is not one of them. */
export function findRoute(method: string, path: string): RouteMatch | { allowed: string[] } | null {
  const normalized = path.length > 1 ? path.replace(/\/+$/, "") : path;
  const matches = routes.flatMap((route) => {
    const params = matchPath(route.path, normalized);
    return params ? [{ route, params }] : [];
  });
  if (matches.length === 0) return null;
  // A literal segment wins over a parameter: `/users/me` is never user "me".
  const fewestParams = Math.min(...matches.map((match) => Object.keys(match.params).length));
  const candidates = matches.filter((match) => Object.keys(match.params).length === fewestParams);
  // HEAD is GET without the body (Node drops the body of an answer to HEAD).
  const match = candidates.find((candidate) => candidate.route.method === (method === "HEAD" ? "GET" : method));
  const allowed = new Set(candidates.flatMap((candidate) => (candidate.route.method === "GET" ? ["GET", "HEAD"] : [candidate.route.method])));
  return match ?? { allowed: [...allowed] };
}
