// Body size limits for every door (CONTRACT §4): JSON and forms at 1 MiB, uploads at HELPDESK_MAX_UPLOAD_BYTES.
// Small bodies are read here in full (refusing past the limit) and handed on as a fresh request stream, so no
// handler — ours or Next.js's own — can be made to hold more; uploads stream on and are cut by the upload parser.
import { IncomingMessage } from "node:http";
import { MAX_JSON_BODY_BYTES } from "@helpdesk/validators";

export const UPLOAD_PATH = "/helpdesk/api/attachments";
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
  return method === "POST" && (path === UPLOAD_PATH || path === `${UPLOAD_PATH}/`);
}

/** Refuses a body that declares itself too large before a byte of it is read. */
export function checkDeclaredLength(req: IncomingMessage, limit: number): void {
  if (Number(req.headers["content-length"] ?? 0) > limit) throw new BodyTooLarge(limit);
}

export function uploadLimit(maxUploadBytes: number): number {
  return maxUploadBytes + MULTIPART_OVERHEAD_BYTES;
}

/** Reads the whole body (at most `limit` bytes) and returns a request that replays it to the next handler. */
export async function bufferedRequest(req: IncomingMessage, limit = MAX_JSON_BODY_BYTES): Promise<IncomingMessage> {
  checkDeclaredLength(req, limit);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw new BodyTooLarge(limit);
    chunks.push(chunk);
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
  return replay;
}
