"use client";

import type { TTicketCounts } from "@helpdesk/validators";
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useTRPC } from "@/lib/trpc";
import { type InboxFilters, inboxHref } from "./inbox-filters";

interface Queue {
  key: keyof TTicketCounts;
  label: string;
  filters: Pick<InboxFilters, "status" | "assignee_id">;
}

// The counts come from ticket.counts (CONTRACT §13): Unassigned and Mine count the tickets still in progress.
const QUEUES: Queue[] = [
  // Work in progress, as counted: new, open or pending.
  { key: "unassigned", label: "Unassigned", filters: { assignee_id: "none", status: "active" } },
  { key: "mine", label: "Mine", filters: { assignee_id: "me", status: "active" } },
  { key: "new", label: "New", filters: { status: "new" } },
  { key: "open", label: "Open", filters: { status: "open" } },
  { key: "pending", label: "Pending", filters: { status: "pending" } },
  { key: "resolved", label: "Resolved", filters: { status: "resolved" } },
];

/** Is the inbox showing exactly this queue (no other filter, no search)? */
const showing = (current: InboxFilters, filters: Queue["filters"]) => inboxHref({ ...current, page: 1 }) === inboxHref(filters);

/** The queues with their live sizes (the inbox refetches ticket.counts whenever a ticket changes). */
export function QueueSidebar({ current }: { current: InboxFilters }) {
  const trpc = useTRPC();
  const counts = useQuery(trpc.ticket.counts.queryOptions());
  const item = (active: boolean) =>
    `flex items-center justify-between gap-3 rounded-lg px-3 py-1.5 text-sm whitespace-nowrap ${
      active ? "bg-indigo-100 font-medium text-indigo-900 dark:bg-indigo-950 dark:text-indigo-100" : "text-slate-700 hover:bg-slate-100 dark:text-slate-300 dark:hover:bg-slate-800"
    }`;
  const allActive = showing(current, {});
  return (
    <nav aria-label="Queues" className="min-w-0">
      <ul className="flex gap-1 overflow-x-auto pb-1 lg:flex-col lg:overflow-visible lg:pb-0">
        <li>
          <Link href="/" aria-current={allActive ? "page" : undefined} className={item(allActive)}>All tickets</Link>
        </li>
        {QUEUES.map((queue) => {
          const active = showing(current, queue.filters);
          const count = counts.data?.[queue.key];
          return (
            <li key={queue.key}>
              <Link href={inboxHref(queue.filters)} aria-current={active ? "page" : undefined} className={item(active)}>
                <span>{queue.label}</span>
                <span data-testid={`queue-count-${queue.key}`} className="min-w-6 rounded-full bg-slate-100 px-1.5 text-center text-xs tabular-nums text-slate-700 dark:bg-slate-800 dark:text-slate-300">
                  {count ?? "…"}
                </span>
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
