// One entry of the REST route table (routes.ts and its parts, one file per area of the contract): the procedure it
// runs and what the API document says of it.
import type { createCaller } from "@helpdesk/api";
import type { INBOUND_MEDIA_TYPE, TErrorCode, TRole, UPLOAD_MEDIA_TYPE } from "@helpdesk/validators";
import type { z } from "zod";

export type Caller = ReturnType<typeof createCaller>;
export type Input = Record<string, unknown>;
export type ZObject = z.ZodType<unknown, Record<string, unknown>>;

export interface Route {
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  path: string;
  summary: string;
  /** Markdown: the contract's rules for this endpoint. */
  description?: string;
  tag: "Auth" | "Messages" | "Tickets" | "Users" | "Attachments" | "Inbound" | "Search" | "Macros" | "Webhooks" | "Docs";
  /**
   * Minimum role. The procedure enforces it; the adapter only uses it to answer 401 to a signed-out caller before
   * reading the body. Absent: no session needed.
   */
  role?: TRole;
  /** Skips authentication altogether: no token is read and no database is touched (the API document). */
  public?: boolean;
  /** Path parameters, query string and JSON body schemas; a route with a `body` reads a JSON object. */
  params?: ZObject;
  query?: ZObject;
  body?: z.ZodType;
  /** A streamed body of this media type: the procedure gets the request's Content-Type and body stream, unread. */
  upload?: typeof UPLOAD_MEDIA_TYPE | typeof INBOUND_MEDIA_TYPE;
  /** Authenticated by the inbound secret (`Authorization: Bearer <HELPDESK_INBOUND_SECRET>`) instead of a session. */
  inboundSecret?: boolean;
  /** The procedure answers a stored file, which is streamed as a download instead of JSON. */
  download?: boolean;
  /** Success status (200 when absent) and its body (none for 204). */
  status?: number;
  response?: z.ZodType;
  /** Error codes particular to this route; the ones implied by its role, parameters and body are added. */
  errors?: TErrorCode[];
  call: (caller: Caller, input: Input) => Promise<unknown>;
  location?: (result: { id: string }) => string;
  /** Request headers that become input fields, e.g. Idempotency-Key → idempotency_key, and their schemas. */
  headers?: Record<string, string>;
  headerSchema?: ZObject;
}

// Procedure inputs are validated by the procedures themselves; the casts only hand the raw input over.
export const raw = <T>(input: Input) => input as T;
