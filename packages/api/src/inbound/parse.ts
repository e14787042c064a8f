// A raw mail as the pipeline reads it, through mailparser: charsets (iconv-lite, ISO-2022-JP included), transfer
// encodings and RFC 2047/2231 words are its job; what is left here is choosing the facts the pipeline acts on.
import { createHash } from "node:crypto";
import { type AddressObject, type Attachment, simpleParser } from "mailparser";
import { storableText, type TRecipient } from "@helpdesk/validators";

export interface InboundMail {
  /** Message-ID, or a digest of the bytes when the mail has none: the same mail twice has the same one. */
  messageId: string;
  /** In-Reply-To first, then References newest first: the mails this one answers. */
  answers: string[];
  from: TRecipient;
  to: TRecipient[];
  cc: TRecipient[];
  subject: string;
  html: string | null;
  text: string | null;
  attachments: Attachment[];
  headers: Map<string, unknown>;
  /** Every header line as received, lower-cased names: for the loop checks. */
  header(name: string): string | null;
}

export class UnparseableMail extends Error {}

/** The stand-in Message-ID of a mail that has none (or cannot be read): the same bytes twice are the same mail. */
export const digestMessageId = (raw: Buffer) => `<${createHash("sha256").update(raw).digest("hex")}@no-message-id.invalid>`;


const addressesOf = (value: AddressObject | AddressObject[] | undefined): TRecipient[] =>
  (Array.isArray(value) ? value : value ? [value] : [])
    .flatMap((group) => group.value)
    .flatMap((entry) => [entry, ...(entry.group ?? [])])
    .filter((entry) => entry.address?.includes("@"))
    .map((entry) => ({ email: storableText(entry.address ?? "").toLowerCase(), name: storableText(entry.name ?? "").trim() || null }));

const ids = (value: string | string[] | undefined): string[] =>
  (Array.isArray(value) ? value : value ? [value] : []).flatMap((entry) => entry.match(/<[^<>\s]+>/g) ?? []);

/** Parses a raw mail; throws UnparseableMail when it has no headers at all or names no sender anywhere. */
export async function parseMail(raw: Buffer, envelopeFrom?: string | null): Promise<InboundMail> {
  const parsed = await simpleParser(raw, { keepCidLinks: true, skipImageLinks: true, skipTextLinks: true }).catch((error: Error) => {
    throw new UnparseableMail(`The MIME structure could not be read: ${error.message}`);
  });
  if (parsed.headers.size === 0) throw new UnparseableMail("The mail has no header lines.");
  const sender =
    addressesOf(parsed.from)[0] ??
    addressesOf(parsed.headers.get("sender") as AddressObject | undefined)[0] ??
    addressesOf(parsed.replyTo)[0] ??
    fallbackSender(parsed.headers.get("return-path"), envelopeFrom);
  if (!sender) throw new UnparseableMail("The mail names no sender (From, Sender, Return-Path or envelope).");
  const lines = new Map<string, string>();
  for (const { key, line } of parsed.headerLines) {
    if (!lines.has(key)) lines.set(key, line.slice(line.indexOf(":") + 1).trim());
  }
  return {
    messageId: storableText(ids(parsed.messageId)[0] ?? digestMessageId(raw)),
    answers: [...ids(parsed.inReplyTo), ...ids(parsed.references).reverse()].map(storableText),
    from: sender,
    to: addressesOf(parsed.to),
    cc: addressesOf(parsed.cc),
    subject: storableText(parsed.subject ?? "").trim(),
    html: parsed.html ? storableText(parsed.html) : null,
    text: parsed.text ? storableText(parsed.text) : null,
    attachments: parsed.attachments,
    headers: parsed.headers,
    header: (name) => lines.get(name.toLowerCase()) ?? null,
  };
}

function fallbackSender(returnPath: unknown, envelopeFrom: string | null | undefined): TRecipient | null {
  const candidate = [typeof returnPath === "string" ? returnPath : (returnPath as AddressObject | undefined)?.value?.[0]?.address, envelopeFrom]
    .map((value) => value?.replace(/[<>]/g, "").trim().toLowerCase())
    .find((value) => value?.includes("@"));
  return candidate ? { email: storableText(candidate), name: null } : null;
}
