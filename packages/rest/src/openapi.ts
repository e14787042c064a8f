// `GET /openapi.json`: an OpenAPI 3.1 document built from the route table and the validators' zod schemas, the
// same ones the procedures parse with, so the document says exactly what the server accepts and answers.
import {
  ERROR_CODES, INBOUND_MEDIA_TYPE, UPLOAD_MEDIA_TYPE, ZAttachmentUpload, ZCreateMessageBody, ZCreateTicketBody, ZCreateUserBody, ZErrorEnvelope, ZMessage, ZPagination, ZSession,
  ZSignInBody, ZTicket, ZTicketUpdate, ZUpdateTicketBody, ZUpdateUserBody, ZUser, type TErrorCode,
} from "@helpdesk/validators";
import { z } from "zod";
import {
  createDocument, type ZodOpenApiOperationObject, type ZodOpenApiOverride, type ZodOpenApiRequestBodyObject,
  type ZodOpenApiResponseObject, type ZodOpenApiResponsesObject,
} from "zod-openapi";
import { API_BASE_PATH } from "./http.ts";
import type { Route } from "./route.ts";

// CONTRACT §4, "when" column.
const ERROR_TEXT: Record<TErrorCode, string> = {
  BAD_REQUEST: "The body is not valid JSON, or not a JSON object; or the server could not read the request at all (headers over the size limit, broken framing).",
  VALIDATION_ERROR:
    "A field is missing or invalid. `details` maps each field, named as in the request (`ticket_id`, `limit`, " +
    "`ticket_update.status`, `ccs.3.email`), to `[{ code: REQUIRED | INVALID | TOO_SMALL | TOO_BIG, message }]`.",
  UNAUTHORIZED: "Missing, malformed, expired, wrongly signed or revoked session token, or a deactivated user.",
  INVALID_CREDENTIALS: "Wrong email or password (one answer for both).",
  FORBIDDEN: "The signed-in user's role is too low.",
  TICKET_CLOSED: "Cannot add messages to, or update, closed tickets.",
  CLOSED_STATUS_SYSTEM_ONLY: "Closed status can only be set by system automations (admins included).",
  NOT_FOUND: "Unknown ticket, message, user or route; the message names which.",
  METHOD_NOT_ALLOWED: "The path does not take this method; `Allow` lists the ones it takes.",
  CONFLICT: "`Idempotency-Key` reused with a different body, or a user email already taken.",
  PAYLOAD_TOO_LARGE: "The JSON body is over 1 MiB, or an upload is over the limit.",
  UNSUPPORTED_MEDIA_TYPE: "The body is not `application/json` (uploads: `multipart/form-data`; inbound mail: `message/rfc822`).",
  RATE_LIMIT_EXCEEDED: "Too many requests: retry after `Retry-After` seconds.",
  INTERNAL_ERROR: "Something went wrong on the server; the answer never shows a stack trace.",
  SERVICE_UNAVAILABLE: "The database is unreachable; the request changed nothing.",
};

const EXAMPLE_DETAILS: Partial<Record<TErrorCode, { details: object }>> = {
  VALIDATION_ERROR: { details: { ticket_id: [{ code: "REQUIRED", message: "This field is required." }] } },
};

const INFO_DESCRIPTION = `The Helpdesk REST API. Every path is under \`${API_BASE_PATH}\`; bodies are JSON. Request fields are
snake_case, response fields camelCase.

**Authentication.** Session-based (JWT), never API keys: \`POST ${API_BASE_PATH}/auth/session\` returns a token; send it
as \`Authorization: Bearer <token>\`. The console's session cookie is accepted as well. Every request re-reads the user,
so a deactivated user or a changed role takes effect on the next request.

**Roles.** \`viewer\` < \`agent\` < \`admin\`: read tickets and messages as a viewer or higher, create messages and
create or update tickets as an agent or higher, manage users as an admin. Too low a role is \`403 FORBIDDEN\`.

**Errors.** Every non-2xx answer is \`{ "error": { "code", "message", "status", "details"? } }\` (schema
\`ErrorEnvelope\`). Every response carries \`X-Request-Id\` and \`X-RateLimit-Limit\`, \`X-RateLimit-Remaining\`,
\`X-RateLimit-Reset\` (400 requests a minute per user by default).

**Objects.** Timestamps are ISO 8601 UTC with milliseconds and \`Z\`. Ids are prefixed (\`tkt_\`, \`msg_\`, \`usr_\`,
\`att_\`), unguessable and sortable by creation.`;

const TAGS = [
  { name: "Auth", description: "Session tokens for REST clients." },
  { name: "Messages", description: "Individual replies, responses, and internal notes within a ticket conversation." },
  { name: "Tickets", description: "Customer conversations. Only the system closes a ticket, and a closed ticket is read-only." },
  { name: "Users", description: "Staff accounts: viewers, agents and admins." },
  { name: "Attachments", description: "Files: uploaded first, then referenced by token from a message." },
  { name: "Inbound", description: "Customers' mail: the HTTP door for relays, and what admins see of received mail." },
  { name: "Search", description: "Full-text search over tickets and their messages." },
  { name: "Macros", description: "Canned replies: admins manage them, agents fill them in for a ticket." },
  { name: "Webhooks", description: "Signed event deliveries to other systems: endpoints, their delivery log and redelivery." },
  { name: "Docs", description: "This document." },
  { name: "Operations", description: "For load balancers and monitors." },
];

// Named schemas become `#/components/schemas/...` references wherever a route uses them.
const SCHEMAS = {
  Message: ZMessage, Ticket: ZTicket, User: ZUser, Session: ZSession, Pagination: ZPagination, ErrorEnvelope: ZErrorEnvelope,
  AttachmentUpload: ZAttachmentUpload,
  SignInBody: ZSignInBody, CreateMessageBody: ZCreateMessageBody, TicketUpdate: ZTicketUpdate,
  CreateTicketBody: ZCreateTicketBody, UpdateTicketBody: ZUpdateTicketBody, CreateUserBody: ZCreateUserBody, UpdateUserBody: ZUpdateUserBody,
};

/** The OpenAPI document for a route table. */
export function createOpenApiDocument(table: readonly Route[]) {
  const paths: Record<string, Record<string, ZodOpenApiOperationObject>> = {};
  for (const route of table) {
    const path = API_BASE_PATH + route.path.replace(/:(\w+)/g, "{$1}");
    (paths[path] ??= {})[route.method.toLowerCase()] = operation(route);
  }
  paths[`${API_BASE_PATH}/health`] = { get: HEALTH };
  return createDocument(
    {
      openapi: "3.1.0",
      info: { title: "Helpdesk API", version: "1.0.0", description: INFO_DESCRIPTION },
      tags: TAGS,
      paths,
      components: {
        schemas: SCHEMAS,
        securitySchemes: {
          session: {
            type: "http",
            scheme: "bearer",
            bearerFormat: "JWT",
            description: `\`Authorization: Bearer <session token>\`, the \`token\` from \`POST ${API_BASE_PATH}/auth/session\`.`,
          },
          inboundSecret: { type: "http", scheme: "bearer", description: "`Authorization: Bearer <HELPDESK_INBOUND_SECRET>`: mail relays only." },
        },
      },
    },
    { override: queryIntegers },
  );
}

function operation(route: Route): ZodOpenApiOperationObject {
  const requirement = route.role === "admin" ? "Requires the admin role." : route.role ? `Requires the ${route.role} role or higher.` : "";
  return {
    tags: [route.tag],
    summary: route.summary,
    description: [route.description, requirement].filter(Boolean).join("\n\n") || undefined,
    // An empty list says plainly that no token is needed.
    security: route.role ? [{ session: [] }] : route.inboundSecret ? [{ inboundSecret: [] }] : [],
    // zod-openapi walks every key it is given, so leave out the absent ones.
    requestParams: Object.fromEntries(
      Object.entries({ path: route.params, query: route.query, header: route.headerSchema }).filter(([, schema]) => schema),
    ),
    requestBody: route.upload ? STREAMED_BODY[route.upload] : route.body && { required: true, content: { "application/json": { schema: route.body } } },
    responses: { ...success(route), ...errors(route) },
  };
}

function success(route: Route): ZodOpenApiResponsesObject {
  const status = route.status ?? 200;
  if (route.download) return { [status]: DOWNLOAD };
  return {
    [status]: {
      description: status === 201 ? "Created" : status === 204 ? "No content" : "OK",
      headers: route.location && z.object({ Location: z.string().describe(`URL of the created resource, under ${API_BASE_PATH}`) }),
      content: route.response && { "application/json": { schema: route.response } },
    },
  };
}

const binary = { type: "string", format: "binary" } as const;

const STREAMED_BODY: Record<NonNullable<Route["upload"]>, ZodOpenApiRequestBodyObject> = {
  [UPLOAD_MEDIA_TYPE]: { required: true, content: { [UPLOAD_MEDIA_TYPE]: { schema: { type: "object", properties: { file: binary }, required: ["file"] } } } },
  [INBOUND_MEDIA_TYPE]: { required: true, content: { [INBOUND_MEDIA_TYPE]: { schema: binary } } },
};

// Served with the type it was uploaded with (`application/octet-stream` when it had none), so any media type.
const DOWNLOAD: ZodOpenApiResponseObject = {
  description: "The file, with the content type it was uploaded with (`application/octet-stream` when it had none)",
  headers: {
    "Content-Disposition": { description: "`attachment`, with the file name", schema: { type: "string" } },
    "X-Content-Type-Options": { description: "`nosniff`", schema: { type: "string" } },
  },
  content: { "*/*": { schema: binary } },
};

// Answered by the front door (packages/server) before any route: no session, no request budget.
const HEALTH: ZodOpenApiOperationObject = {
  tags: ["Operations"],
  summary: "Health",
  description: "Liveness: `200` while the server takes requests. With `ready=1` it also checks that the database " +
    "answers and every migration is applied: `503 SERVICE_UNAVAILABLE` when not (or while the server shuts down).",
  security: [],
  requestParams: { query: z.object({ ready: z.enum(["1"]).optional().describe("`1`: also check the database and migrations") }) },
  responses: {
    200: { description: "OK", content: { "application/json": { schema: z.object({ status: z.literal("ok") }) } } },
    503: { description: `\`SERVICE_UNAVAILABLE\`: ${ERROR_TEXT.SERVICE_UNAVAILABLE}`, content: envelope(["SERVICE_UNAVAILABLE"]) },
    default: { description: `\`405 METHOD_NOT_ALLOWED\`: ${ERROR_TEXT.METHOD_NOT_ALLOWED}`, content: envelope(["METHOD_NOT_ALLOWED"]) },
  },
};

/** The error codes a route can answer: its own, plus those its role, parameters and body imply. */
function errorCodes(route: Route): TErrorCode[] {
  const codes = new Set<TErrorCode>(route.errors);
  if (route.body) for (const code of ["BAD_REQUEST", "VALIDATION_ERROR", "PAYLOAD_TOO_LARGE", "UNSUPPORTED_MEDIA_TYPE"] as const) codes.add(code);
  // A GET's query string is its input even where the route reads no field of it: text PostgreSQL cannot store is a 422.
  if (route.query || route.params) codes.add("VALIDATION_ERROR");
  if (route.params) codes.add("NOT_FOUND");
  if (route.role) codes.add("UNAUTHORIZED");
  if (route.role && route.role !== "viewer") codes.add("FORBIDDEN");
  codes.add("RATE_LIMIT_EXCEEDED");
  return [...codes];
}

function errors(route: Route): ZodOpenApiResponsesObject {
  const byStatus = new Map<number, TErrorCode[]>();
  for (const code of errorCodes(route)) byStatus.set(ERROR_CODES[code], [...(byStatus.get(ERROR_CODES[code]) ?? []), code]);
  const responses: ZodOpenApiResponsesObject = {};
  for (const [status, codes] of [...byStatus].sort(([a], [b]) => a - b)) {
    responses[`${status}` as `4${string}`] = {
      description: codes.map((code) => `\`${code}\`: ${ERROR_TEXT[code]}`).join("\n\n"),
      headers: status === 429 ? z.object({ "Retry-After": z.string().describe("Seconds to wait before retrying") }) : undefined,
      content: envelope(codes),
    };
  }
  responses.default = {
    description: (["BAD_REQUEST", "METHOD_NOT_ALLOWED", "INTERNAL_ERROR", "SERVICE_UNAVAILABLE"] as const)
      .map((code) => `\`${ERROR_CODES[code]} ${code}\`: ${ERROR_TEXT[code]}`)
      .join("\n\n"),
    content: envelope(["BAD_REQUEST", "METHOD_NOT_ALLOWED", "INTERNAL_ERROR", "SERVICE_UNAVAILABLE"]),
  };
  return responses;
}

/** The error envelope, with one example per code. */
function envelope(codes: TErrorCode[]) {
  const example = (code: TErrorCode) => ({
    error: { code, message: ERROR_TEXT[code].replaceAll("`", ""), status: ERROR_CODES[code], ...EXAMPLE_DETAILS[code] },
  });
  const examples = Object.fromEntries(codes.map((code) => [code, { summary: code, value: example(code) }]));
  return { "application/json": { schema: ZErrorEnvelope, examples } };
}

/**
 * `page` and `limit` accept a JSON number (tRPC) or a digit string (a query string), with a default; zod renders that
 * input as `anyOf [number, string]` and drops the default. In a URL both are simply an integer, so say that.
 */
const queryIntegers: ZodOpenApiOverride = ({ zodSchema, jsonSchema, io }) => {
  if (io !== "input" || !(zodSchema instanceof z.ZodDefault)) return;
  const inner = zodSchema.def.innerType;
  if (!(inner instanceof z.ZodPipe) || !(inner.def.out instanceof z.ZodNumber)) return;
  const out = inner.def.out;
  delete jsonSchema.anyOf;
  Object.assign(jsonSchema, { type: "integer", minimum: out.minValue, maximum: out.maxValue, default: zodSchema.def.defaultValue });
};
