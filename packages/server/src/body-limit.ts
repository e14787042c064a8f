// Body size limits for every door (CONTRACT §4): JSON and forms at 1 MiB, uploads at HELPDESK_MAX_UPLOAD_BYTES.
// Small bodies are read here in full (refusing past the limit) and handed on as a fresh request stream, so no
// handler — ours or Next.js's own — can be made to hold more; uploads stream on and are cut by the upload parser.
import { IncomingMessage } from "node:http";
import { INBOUND_EMAIL_PATH, MAX_JSON_BODY_BYTES } from "@helpdesk/validators";

export const UPLOAD_PATH = "/helpdesk/api/attachments";
// Bodies streamed on to their handler, which cuts them at the upload limit: files, and raw mail from relays.
const STREAMED_PATHS = new Set([UPLOAD_PATH, INBOUND_EMAIL_PATH]);
// Room for the multipart boundaries and part headers around the file itself.
const MULTIPART_OVERHEAD_BYTES = 64 * 1024;

export class BodyTooLarge extends Error {
  constructor(readonly limit: number) {
    super(`The request body is larger than ${limit} bytes.`);
  }
}

export function hasBody(req: IncomingMessage): boolean {
  return req.headers["transfer-encoding"] !== undefined || Number(req.headers["content-length"] ?? 0) > 0;
}

export function isUpload(method: string, path: string): boolean {
  return method === "POST" && STREAMED_PATHS.has(path.length > 1 ? path.replace(/\/$/, "") : path);
}

/** Refuses a body that declares itself too large before a byte of it is read. */
export function checkDeclaredLength(req: IncomingMessage, limit: number): void {
  if (Number(req.headers["content-length"] ?? 0) > limit) throw new BodyTooLarge(limit);
}

export function uploadLimit(maxUploadBytes: number): number {
  return maxUploadBytes + MULTIPART_OVERHEAD_BYTES;
}

export class ServerBusy extends Error {
  constructor() {
    super("The server is holding too many request bodies at once; retry shortly.");
  }
}

/**
 * All bodies held at once, across requests: without it, many slow clients each sending up to the limit (before any
 * authentication) could hold gigabytes. Past it a request is answered 503 and may retry.
 */
export class BodyMemory {
  #held = 0;
  constructor(readonly limitBytes: number) {}

  take(bytes: number): void {
    if (this.#held + bytes > this.limitBytes) throw new ServerBusy();
    this.#held += bytes;
  }

  give(bytes: number): void {
    this.#held -= bytes;
  }
}

/**
 * Reads the whole body (at most `limit` bytes, held against `memory` until `release`) and returns a request that
 * replays it to the next handler.
 */
export async function bufferedRequest(req: IncomingMessage, memory: BodyMemory, limit = MAX_JSON_BODY_BYTES) {
  checkDeclaredLength(req, limit);
  const chunks: Buffer[] = [];
  let size = 0;
  const release = () => memory.give(size);
  try {
    for await (const chunk of req as AsyncIterable<Buffer>) {
      if (size + chunk.length > limit) throw new BodyTooLarge(limit);
      memory.take(chunk.length);
      size += chunk.length;
      chunks.push(chunk);
    }
  } catch (error) {
    release();
    throw error;
  }
  const body = Buffer.concat(chunks);
  const replay = new IncomingMessage(req.socket);
  replay.method = req.method;
  replay.url = req.url;
  replay.httpVersion = req.httpVersion;
  replay.httpVersionMajor = req.httpVersionMajor;
  replay.httpVersionMinor = req.httpVersionMinor;
  const { "transfer-encoding": _chunked, ...headers } = req.headers;
  replay.headers = { ...headers, "content-length": String(body.length) };
  replay.rawHeaders = Object.entries(replay.headers).flatMap(([name, value]) =>
    (Array.isArray(value) ? value : [value ?? ""]).flatMap((one) => [name, one]),
  );
  // A message that is not `complete` when its stream is destroyed counts as aborted and takes the socket with it.
  replay.complete = true;
  replay.push(body);
  replay.push(null);
  return { replay, release };
}
