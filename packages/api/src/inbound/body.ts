// The message a mail becomes: its HTML (or its text as HTML) sanitized like any message, inline `cid:` images pointed
// at their stored attachments, the quoted conversation folded into `<div class="hd-quoted">` at the end, and a
// `textContent` of the customer's new words alone.
import { sanitizeHtml } from "../content/sanitize.ts";
import { escapeHtml } from "../content/escape.ts";
import { htmlToText } from "../content/text.ts";
import { attachmentUrl } from "../services/messages/serialize.ts";
import type { InboundMail } from "./parse.ts";
import { splitQuotedHtml, splitQuotedText, withoutSignature } from "./quote.ts";

export const QUOTED_CLASS = "hd-quoted";
const NO_TEXT = "<p>(no text)</p>";
const IMAGE_TAG = /<img\b/;

/** Plain text as HTML: paragraphs at blank lines, line breaks kept. */
export function textToHtml(text: string): string {
  return text
    .replace(/\r\n?/g, "\n")
    .split(/\n{2,}/)
    .map((paragraph) => paragraph.trim())
    .filter(Boolean)
    .map((paragraph) => `<p>${escapeHtml(paragraph).replace(/\n/g, "<br>")}</p>`)
    .join("");
}

/** `cid:` sources become the URL of the attachment stored for that Content-ID (`<…>` and case aside). */
function withInlineImages(html: string, attachmentIdByCid: Map<string, string>): string {
  return html.replace(/(\bsrc\s*=\s*["']?)cid:([^"'\s>]+)/gi, (whole, prefix: string, cid: string) => {
    const id = attachmentIdByCid.get(normalizeCid(cid));
    return id ? `${prefix}${attachmentUrl(id)}` : whole;
  });
}

export const normalizeCid = (cid: string) => decodeURIComponent(cid.replace(/^<|>$/g, "")).toLowerCase();

export function inboundContent(mail: InboundMail, attachmentIdByCid: Map<string, string>): { content: string; textContent: string } {
  if (mail.html) {
    const { visible, quoted } = splitQuotedHtml(withInlineImages(mail.html, attachmentIdByCid));
    const visibleHtml = sanitizeHtml(visible);
    const visibleText = htmlToText(visibleHtml);
    if (quoted !== null && (visibleText || IMAGE_TAG.test(visibleHtml))) {
      return { content: withQuote(visibleHtml, sanitizeHtml(quoted)), textContent: withoutSignature(visibleText) };
    }
    const content = sanitizeHtml(withInlineImages(mail.html, attachmentIdByCid));
    const text = mail.text ?? htmlToText(content);
    return { content: hasSubstance(content) ? content : NO_TEXT, textContent: withoutSignature(splitQuotedText(text).visible) };
  }
  const { visible, quoted } = splitQuotedText(mail.text ?? "");
  const content = textToHtml(visible);
  if (!content) return { content: NO_TEXT, textContent: "" };
  return { content: quoted ? withQuote(content, quotedTextToHtml(quoted)) : content, textContent: withoutSignature(visible) };
}

/** The `On … wrote:` line, then the quoted mail one `>` level down, in a blockquote as HTML mail shows it. */
function quotedTextToHtml(quoted: string): string {
  const firstQuoteLine = quoted.search(/^>/m);
  if (firstQuoteLine < 0) return textToHtml(quoted);
  const quotedLines = quoted.slice(firstQuoteLine).replace(/^> ?/gm, "");
  return `${textToHtml(quoted.slice(0, firstQuoteLine))}<blockquote>${textToHtml(quotedLines)}</blockquote>`;
}

const hasSubstance = (html: string) => Boolean(htmlToText(html)) || IMAGE_TAG.test(html);
const withQuote = (visible: string, quoted: string) => (quoted ? `${visible}<div class="${QUOTED_CLASS}">${quoted}</div>` : visible);
