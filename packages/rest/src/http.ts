// Reading requests and writing answers in the contract's shape; nothing here knows about tickets or messages.
import { ERROR_CODES, type TErrorCode } from "@helpdesk/validators";

export const API_BASE_PATH = "/helpdesk/api";
export const MAX_JSON_BYTES = 1024 * 1024;

export class HttpError extends Error {
  constructor(
    readonly code: TErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  if (status === 204) return new Response(null, { status, headers });
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json; charset=utf-8", ...headers },
  });
}

export function errorResponse(code: TErrorCode, message: string, details?: Record<string, unknown>, headers: Record<string, string> = {}) {
  const status = ERROR_CODES[code];
  return json(status, { error: { code, message, status, ...(details ? { details } : {}) } }, headers);
}

/** The JSON object in a request body: 415 for another media type, 413 over 1 MiB, 400 for anything but an object. */
export async function readJsonObject(request: Request): Promise<Record<string, unknown>> {
  const mediaType = request.headers.get("content-type")?.split(";")[0]?.trim().toLowerCase();
  if (mediaType !== "application/json") {
    throw new HttpError("UNSUPPORTED_MEDIA_TYPE", "The request body must be application/json.");
  }
  const declared = Number(request.headers.get("content-length") ?? 0);
  if (declared > MAX_JSON_BYTES) throw tooLarge();
  const text = await readLimited(request, MAX_JSON_BYTES);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new HttpError("BAD_REQUEST", "The request body is not valid JSON.");
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new HttpError("BAD_REQUEST", "The request body must be a JSON object.");
  }
  return value as Record<string, unknown>;
}

function tooLarge() {
  return new HttpError("PAYLOAD_TOO_LARGE", `The request body is larger than ${MAX_JSON_BYTES} bytes.`);
}

async function readLimited(request: Request, limit: number): Promise<string> {
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  return new TextDecoder().decode(Buffer.concat(chunks));
}

/** Query-string parameters as an object; a repeated name keeps its last value. */
export function queryObject(url: URL): Record<string, string> {
  return Object.fromEntries(url.searchParams.entries());
}

/** An upload's raw request for the procedure that parses it: the body stays unread until the role check has passed. */
export function uploadInput(request: Request): Record<string, unknown> {
  return { content_type: request.headers.get("content-type"), body: request.body };
}

export interface DownloadableFile {
  name: string;
  size: number;
  contentType: string;
  open(): Promise<ReadableStream<Uint8Array>>;
}

/**
 * A stored file, streamed. It is always a download, never rendered: `attachment` disposition, no sniffing, and a
 * sandboxing CSP in case a browser shows it anyway (an uploaded .html must never run as this origin).
 */
export async function fileResponse(file: DownloadableFile, headers: Record<string, string> = {}): Promise<Response> {
  const body = await file.open();
  return new Response(body, {
    status: 200,
    headers: {
      ...headers,
      "content-type": file.contentType || "application/octet-stream",
      "content-length": String(file.size),
      "content-disposition": contentDisposition(file.name),
      "x-content-type-options": "nosniff",
      "content-security-policy": "default-src 'none'; sandbox",
      "cache-control": "private, no-cache",
    },
  });
}

/**
 * RFC 6266: an ASCII fallback for old clients (anything outside printable ASCII, and the quote, backslash, slash
 * and percent that some of them misread, become `_`) plus the exact name as RFC 8187 UTF-8.
 */
export function contentDisposition(name: string): string {
  const fallback = name.replace(/[^\x20-\x7e]|["\\/%]/g, "_");
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
