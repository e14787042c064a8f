import { SNIPPET_MARK } from "@helpdesk/validators";

// The API escapes a snippet's text with exactly these entities (packages/api content/escape.ts); only <mark> is markup.
const ENTITIES: Record<string, string> = { "&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": '"', "&#39;": "'" };
const decodeEntities = (text: string) => text.replace(/&(?:amp|lt|gt|quot|#39);/g, (entity) => ENTITIES[entity] ?? entity);

export interface SnippetPart {
  text: string;
  marked: boolean;
}

/**
 * A search snippet as text parts, marked or not, so React renders every character as text: no HTML is ever parsed, so
 * a message that contained `<script>` shows as those characters.
 */
export function snippetParts(snippet: string): SnippetPart[] {
  const parts: SnippetPart[] = [];
  let marked = false;
  for (const piece of snippet.split(/(<mark>|<\/mark>)/)) {
    if (piece === SNIPPET_MARK.open || piece === SNIPPET_MARK.close) marked = piece === SNIPPET_MARK.open;
    else if (piece) parts.push({ text: decodeEntities(piece), marked });
  }
  return parts;
}

export function Snippet({ snippet }: { snippet: string }) {
  return (
    <>
      {snippetParts(snippet).map((part, index) =>
        // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one snippet are fixed
        part.marked ? <mark key={index} className="rounded-sm bg-amber-200 px-0.5 text-slate-950 dark:bg-amber-700 dark:text-white">{part.text}</mark> : <span key={index}>{part.text}</span>,
      )}
    </>
  );
}
