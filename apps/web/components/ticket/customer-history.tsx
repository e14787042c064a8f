"use client";

import type { TTicket } from "@helpdesk/validators";
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { inboxHref } from "@/components/inbox/inbox-filters";
import { StatusBadge } from "@/components/ui/badges";
import { Time } from "@/components/ui/time";
import { useTRPC } from "@/lib/trpc";

/** How many of the requester's other tickets are listed; the rest are a link away (the inbox, filtered to them). */
const SHOWN = 5;

/** The requester's other tickets, newest first: status, subject, last activity, each a link. */
export function CustomerHistory({ ticket }: { ticket: TTicket }) {
  const trpc = useTRPC();
  // One more than shown, since this ticket is among them.
  const history = useQuery(trpc.ticket.list.queryOptions({ requester_email: ticket.requesterEmail, sort_order: "desc", limit: SHOWN + 1 }));
  const others = (history.data?.data ?? []).filter((other) => other.id !== ticket.id).slice(0, SHOWN);
  const all = history.data?.pagination.total ?? 0;
  const who = ticket.requesterName ?? ticket.requesterEmail;

  return (
    <section aria-labelledby="customer-history-heading" data-testid="customer-history" className="mt-5 border-t border-slate-200 pt-4 text-sm dark:border-slate-800">
      <h2 id="customer-history-heading" className="font-medium">Other tickets from {who}</h2>
      {history.isPending ? (
        <p className="mt-2 text-slate-600 dark:text-slate-400">Loading…</p>
      ) : history.isError ? (
        <p className="mt-2 text-slate-600 dark:text-slate-400">Their other tickets could not be loaded.</p>
      ) : others.length === 0 ? (
        <p className="mt-2 text-slate-600 dark:text-slate-400">None: this is their first ticket.</p>
      ) : (
        <ul className="mt-2 space-y-2">
          {others.map((other) => (
            <li key={other.id}>
              <Link href={`/tickets/${other.id}`} className="block rounded-md px-1 py-0.5 hover:bg-slate-100 dark:hover:bg-slate-800">
                <span className="block truncate text-indigo-700 underline dark:text-indigo-300">{other.subject}</span>
                <span className="mt-0.5 flex items-center gap-2 text-xs text-slate-600 dark:text-slate-400">
                  <StatusBadge status={other.status} /> <span>updated <Time iso={other.updatedAt} /></span>
                </span>
              </Link>
            </li>
          ))}
        </ul>
      )}
      {all - 1 > SHOWN && (
        <Link href={inboxHref({ requester_email: ticket.requesterEmail })} className="mt-2 inline-block text-indigo-700 underline dark:text-indigo-300">
          All {all} of their tickets
        </Link>
      )}
    </section>
  );
}
