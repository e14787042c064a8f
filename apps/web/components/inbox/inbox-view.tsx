"use client";

import type { TTicketStatus } from "@helpdesk/validators";
import { keepPreviousData, useQuery, useQueryClient } from "@tanstack/react-query";
import { useSubscription } from "@trpc/tanstack-react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useCallback, useDeferredValue, useState } from "react";
import { PresenceMarker, usePresenceByTicket } from "@/components/presence/inbox-marker";
import { useSessionUser } from "@/components/providers";
import { PriorityLabel, StatusBadge } from "@/components/ui/badges";
import { Pager } from "@/components/ui/pager";
import { Time } from "@/components/ui/time";
import { useTRPC } from "@/lib/trpc";
import { useKeyboardList } from "./use-keyboard-list";

const STATUSES: TTicketStatus[] = ["new", "open", "pending", "resolved", "closed"];
const PAGE_SIZE = 25;
const SEARCH_ID = "inbox-search";

export function InboxView() {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const me = useSessionUser();
  const [status, setStatus] = useState<TTicketStatus | "">("");
  const [assignee, setAssignee] = useState("");
  const [search, setSearch] = useState("");
  const [page, setPage] = useState(1);
  const q = useDeferredValue(search.trim());

  const input = { page, limit: PAGE_SIZE, sort_order: "desc" as const, status: status || undefined, assignee_id: assignee || undefined, q: q || undefined };
  const tickets = useQuery({ ...trpc.ticket.list.queryOptions(input), placeholderData: keepPreviousData });
  const directory = useQuery(trpc.user.directory.queryOptions());
  const names = new Map(directory.data?.map((user) => [user.id, user.name]));
  const refreshTickets = () => void queryClient.invalidateQueries({ queryKey: trpc.ticket.list.pathKey() });
  // Refetching when the stream (re)connects catches whatever changed while it was not listening.
  useSubscription(trpc.ticket.onChanged.subscriptionOptions(undefined, { onStarted: refreshTickets, onData: refreshTickets }));
  const presentOn = usePresenceByTicket();

  const rows = tickets.data?.data ?? [];
  const open = useCallback((index: number) => {
    const ticket = rows[index];
    if (ticket) router.push(`/tickets/${ticket.id}`);
  }, [rows, router]);
  const [selected, setSelected] = useKeyboardList(rows.length, { onOpen: open, searchId: SEARCH_ID });
  const pagination = tickets.data?.pagination;

  return (
    <div className="mx-auto max-w-6xl px-4 py-6 sm:px-6">
      <div className="flex flex-wrap items-end gap-3">
        <h1 className="mr-auto text-2xl font-semibold tracking-tight">Inbox</h1>
        <label className="text-sm">
          <span className="sr-only">Search tickets</span>
          <input id={SEARCH_ID} type="search" value={search} placeholder="Search subject or requester  ( / )" onChange={(event) => { setSearch(event.target.value); setPage(1); }} className="w-72 rounded-lg border border-slate-300 bg-white px-3 py-1.5 text-sm dark:border-slate-700 dark:bg-slate-900" />
        </label>
        <label className="text-sm">
          <span className="sr-only">Status</span>
          <select value={status} onChange={(event) => { setStatus(event.target.value as TTicketStatus | ""); setPage(1); }} className="rounded-lg border border-slate-300 bg-white px-2 py-1.5 text-sm dark:border-slate-700 dark:bg-slate-900">
            <option value="">All statuses</option>
            {STATUSES.map((value) => <option key={value} value={value}>{value[0]?.toUpperCase() + value.slice(1)}</option>)}
          </select>
        </label>
        <label className="text-sm">
          <span className="sr-only">Assignee</span>
          <select value={assignee} onChange={(event) => { setAssignee(event.target.value); setPage(1); }} className="rounded-lg border border-slate-300 bg-white px-2 py-1.5 text-sm dark:border-slate-700 dark:bg-slate-900">
            <option value="">Anyone</option>
            <option value={me.id}>Assigned to me</option>
            {directory.data?.filter((user) => user.id !== me.id && user.role !== "viewer").map((user) => <option key={user.id} value={user.id}>{user.name}</option>)}
          </select>
        </label>
      </div>

      <div className="mt-4 overflow-hidden rounded-xl border border-slate-200 bg-white shadow-sm dark:border-slate-800 dark:bg-slate-900">
        {tickets.isPending ? (
          <p className="p-8 text-center text-sm text-slate-600 dark:text-slate-400">Loading tickets…</p>
        ) : rows.length === 0 ? (
          <p className="p-8 text-center text-sm text-slate-600 dark:text-slate-400">No tickets match. Try another filter.</p>
        ) : (
          <ul aria-label="Tickets" className="divide-y divide-slate-100 dark:divide-slate-800">
            {rows.map((ticket, index) => (
              <li key={ticket.id} aria-current={index === selected ? "true" : undefined} onMouseEnter={() => setSelected(index)} className={index === selected ? "bg-indigo-50 dark:bg-indigo-950/40" : ""}>
                <Link href={`/tickets/${ticket.id}`} className="grid grid-cols-[1fr_auto] items-center gap-x-4 gap-y-1 px-4 py-3 sm:grid-cols-[minmax(0,1fr)_7rem_5rem_8rem_7rem]">
                  <span className="min-w-0">
                    <span className="flex items-center gap-2"><span className="truncate font-medium">{ticket.subject}</span><PresenceMarker people={presentOn[ticket.id]} /></span>
                    <span className="block truncate text-xs text-slate-600 dark:text-slate-400">{ticket.requesterName ?? ticket.requesterEmail} · {ticket.requesterEmail}</span>
                  </span>
                  <span><StatusBadge status={ticket.status} /></span>
                  <span className="hidden sm:block"><PriorityLabel priority={ticket.priority} /></span>
                  <span className="hidden truncate text-xs text-slate-600 sm:block dark:text-slate-400">{ticket.assigneeId ? names.get(ticket.assigneeId) ?? "—" : "Unassigned"}</span>
                  <span className="hidden text-right text-xs text-slate-600 sm:block dark:text-slate-400"><Time iso={ticket.updatedAt} /></span>
                </Link>
              </li>
            ))}
          </ul>
        )}
      </div>

      <Pager pagination={pagination} noun="tickets" onPage={setPage} />
      <p className="mt-3 text-xs text-slate-600 dark:text-slate-400">Keys: j / k to move, Enter to open, / to search.</p>
    </div>
  );
}
