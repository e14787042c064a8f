import { SNIPPET_MARK } from "@helpdesk/validators";
import { Prisma } from "@helpdesk/db";
import { escapeHtml } from "../../content/escape.ts";

// ts_headline marks the matched words with characters that cannot be in the text it is given: the SQL below turns any
// such character of the text into a space first. It would also drop whatever looks like an HTML tag (its parser reads
// `<script>` as a tag), so the text's angle brackets travel as two more such characters and come back as entities.
const START = "\u0001";
const STOP = "\u0002";
const LESS_THAN = "\u0003";
const GREATER_THAN = "\u0004";

/** How much of a message's text is searched: the migration 20261203000000_search indexes this many characters. */
const SEARCHED_CHARS = 20000;

/** The SQL text ts_headline is given for a message: its searched text, with the marker characters reserved. */
export const headlineText = (column: Prisma.Sql) =>
  Prisma.sql`translate(left(${column}, ${SEARCHED_CHARS}::int), ${`${START}${STOP}${LESS_THAN}${GREATER_THAN}<>`}::text, ${`    ${LESS_THAN}${GREATER_THAN}`}::text)`;

// One passage of 15 to 35 words around the best match; ShortWord=0 keeps a short message whole, punctuation included.
export const HEADLINE_OPTIONS = `StartSel=${START}, StopSel=${STOP}, MaxWords=35, MinWords=15, ShortWord=0`;

const MARKERS: Record<string, string> = { [START]: SNIPPET_MARK.open, [STOP]: SNIPPET_MARK.close, [LESS_THAN]: "&lt;", [GREATER_THAN]: "&gt;" };

/** A headline as the API answers it: HTML-escaped text in which only the matched words are marked up. */
export function toSnippet(headline: string): string {
  return escapeHtml(headline).replace(/[\u0001-\u0004]/g, (marker) => MARKERS[marker] ?? marker);
}
