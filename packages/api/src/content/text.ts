import { compile, type HtmlToTextOptions } from "html-to-text";

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

// Compiled once: html-to-text's convert() rebuilds its selector matcher on every call, which was most of the cost of
// creating a message (issue 11's profile).
const convert = compile(OPTIONS);

/** Plain text of message HTML, used as `textContent` when the client sends none. */
export function htmlToText(html: string): string {
  return convert(html).trim();
}
