import type { TSearchMatch } from "@helpdesk/validators";
import Link from "next/link";
import { ticketHref } from "./inbox-rows";
import { Snippet } from "./snippet";

/** A search hit's matching messages, each a link that opens the ticket at that message. */
export function SearchMatches({ ticketId, matches }: { ticketId: string; matches: TSearchMatch[] }) {
  if (matches.length === 0) return null;
  return (
    <div className="space-y-1 px-4 pb-3">
      {matches.map((match) => (
        <Link
          key={match.messageId}
          href={ticketHref(ticketId, match.messageId)}
          data-testid="search-snippet"
          className="block rounded-md border-l-2 border-amber-400 bg-slate-50 px-3 py-1.5 text-xs text-slate-700 hover:bg-slate-100 dark:border-amber-600 dark:bg-slate-950 dark:text-slate-300 dark:hover:bg-slate-800"
        >
          <Snippet snippet={match.snippet} />
        </Link>
      ))}
    </div>
  );
}
