// Where the customer's new words end and the quoted earlier conversation begins, so the console can fold the quote
// away ("show quoted text") while the message keeps all of it.
import render from "dom-serializer";
import type { AnyNode, Element } from "domhandler";
import { findOne, removeElement } from "domutils";
import EmailReplyParser from "email-reply-parser";
import { parseDocument } from "htmlparser2";

export interface SplitHtml {
  visible: string;
  /** The quoted conversation, or null when the mail quotes nothing we recognise. */
  quoted: string | null;
}

const classes = (element: Element) => (element.attribs.class ?? "").split(/\s+/);

/** The first element where a mail client's quote begins: Gmail, Apple Mail, Thunderbird, Outlook, Yahoo. */
function isQuoteStart(element: Element): boolean {
  const id = element.attribs.id ?? "";
  return (
    classes(element).some((name) => ["gmail_quote", "moz-cite-prefix", "yahoo_quoted", "protonmail_quote"].includes(name)) ||
    (element.name === "blockquote" && element.attribs.type?.toLowerCase() === "cite") ||
    /^(x_)?(divRplyFwdMsg|appendonsend)$/.test(id)
  );
}

/**
 * Cuts the HTML where the quote begins: the quote is that element and everything after it in document order (the
 * rest of its parent, and of each parent's parent), as Outlook appends the old mail after its reply header.
 */
export function splitQuotedHtml(html: string): SplitHtml {
  const document = parseDocument(html);
  const start = findOne(isQuoteStart, document.children, true);
  if (!start) return { visible: html, quoted: null };
  const quoted: AnyNode[] = [];
  // Outlook draws a rule just before its reply header: it belongs to the quote.
  const previous = start.prev;
  if (previous?.type === "tag" && (previous as Element).name === "hr") quoted.push(previous);
  for (let node: AnyNode | null = start; node && node !== document; node = node.parent) {
    for (let sibling: AnyNode | null = node === start ? node : node.next; sibling; sibling = sibling.next) quoted.push(sibling);
  }
  for (const node of quoted) removeElement(node);
  return { visible: render(document), quoted: render(quoted) };
}

export interface SplitText {
  visible: string;
  quoted: string | null;
}

/**
 * A plain-text mail cut where the quoted mail begins (`On … wrote:` and `>` lines, as email-reply-parser finds
 * them). Everything before stays visible, the customer's sign-off included: the parser's own signature guess
 * ("Best regards,") is too eager to hide what a person wrote.
 */
export function splitQuotedText(text: string): SplitText {
  const fragments = new EmailReplyParser().read(text).getFragments();
  const firstQuoted = fragments.findIndex((fragment) => fragment.isQuoted());
  if (firstQuoted <= 0) return { visible: text.trim(), quoted: null };
  const join = (part: typeof fragments) => part.map((fragment) => fragment.getContent()).join("\n").trim();
  const visible = join(fragments.slice(0, firstQuoted));
  const quoted = join(fragments.slice(firstQuoted));
  return visible ? { visible, quoted: quoted || null } : { visible: text.trim(), quoted: null };
}

// RFC 3676's signature delimiter, "-- " on a line of its own (HTML-to-text loses the trailing space).
const SIGNATURE_DELIMITER = /^--[ \t]*$/m;

/** The text before a `-- ` signature: what `textContent` keeps of a mail. */
export function withoutSignature(text: string): string {
  const delimiter = SIGNATURE_DELIMITER.exec(text);
  const words = delimiter ? text.slice(0, delimiter.index).trim() : text.trim();
  return words || text.trim();
}
