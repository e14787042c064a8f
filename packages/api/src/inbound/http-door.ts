// The HTTP door (CONTRACT §11): a relay (a Postfix pipe, a provider's raw-MIME forwarding) POSTs the raw mail with
// the shared secret. Off while HELPDESK_INBOUND_SECRET is unset: the route then does not exist (404).
import { createHash, timingSafeEqual } from "node:crypto";
import type { Db } from "@helpdesk/db";
import { INBOUND_MEDIA_TYPE, serverConfig, type TInboundReceipt } from "@helpdesk/validators";
import { AppError } from "../errors.ts";
import type { AttachmentStorage } from "../storage/index.ts";
import { inboundConfigFromEnv } from "./addresses.ts";
import { receiveEmail } from "./receive.ts";

export interface InboundRequest {
  authorization: string | null;
  contentType: string | null;
  body: ReadableStream<Uint8Array> | null;
}

const digest = (text: string) => createHash("sha256").update(text).digest();

export async function receiveOverHttp(db: Db, storage: AttachmentStorage, request: InboundRequest): Promise<TInboundReceipt> {
  const secret = serverConfig().HELPDESK_INBOUND_SECRET;
  if (!secret) throw new AppError("NOT_FOUND", "No route POST /helpdesk/api/inbound/email: inbound mail over HTTP is not set up.");
  const given = /^Bearer\s+(.+)$/i.exec(request.authorization ?? "")?.[1]?.trim() ?? "";
  // Compared as digests: equal lengths for timingSafeEqual, and no early exit that times the secret.
  if (!timingSafeEqual(digest(given), digest(secret))) throw new AppError("UNAUTHORIZED", "A valid inbound secret is required (Authorization: Bearer <HELPDESK_INBOUND_SECRET>).");
  const mediaType = request.contentType?.split(";")[0]?.trim().toLowerCase();
  if (mediaType !== INBOUND_MEDIA_TYPE) throw new AppError("UNSUPPORTED_MEDIA_TYPE", `Send the raw mail as ${INBOUND_MEDIA_TYPE}.`);
  const config = inboundConfigFromEnv();
  const raw = await readAtMost(request.body, config.maxBytes);
  const result = await receiveEmail(db, raw, { door: "http" }, { storage, config });
  if (result.outcome === "unparseable") throw new AppError("VALIDATION_ERROR", "The body is not a mail that can be read.");
  return { outcome: result.outcome, ticketId: result.ticketId, messageId: result.messageId };
}

async function readAtMost(body: ReadableStream<Uint8Array> | null, maxBytes: number): Promise<Buffer> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of body ?? []) {
    size += chunk.byteLength;
    if (size > maxBytes) throw new AppError("PAYLOAD_TOO_LARGE", `The mail is larger than ${maxBytes} bytes.`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}
