import { convert, type HtmlToTextOptions } from "html-to-text";

const SKIPPED = ["img", "script", "style", "noscript", "textarea", "template", "head", "title"];

const OPTIONS: HtmlToTextOptions = {
  wordwrap: false,
  selectors: [
    ...SKIPPED.map((selector) => ({ selector, format: "skip" })),
    { selector: "a", options: { hideLinkHrefIfSameAsText: true } },
    ...["h1", "h2", "h3", "h4", "h5", "h6"].map((selector) => ({ selector, options: { uppercase: false } })),
    { selector: "table", format: "dataTable", options: { uppercaseHeaderCells: false } },
  ],
};

/** Plain text of message HTML, used as `textContent` when the client sends none. */
export function htmlToText(html: string): string {
  return convert(html, OPTIONS).trim();
}
