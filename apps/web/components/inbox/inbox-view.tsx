"use client";

import type { TTicketStatus } from "@helpdesk/validators";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useSubscription } from "@trpc/tanstack-react-query";
import { useRouter } from "next/navigation";
import { useCallback } from "react";
import { usePresenceByTicket } from "@/components/presence/inbox-marker";
import { useSessionUser } from "@/components/providers";
import { Pager } from "@/components/ui/pager";
import { Select, capitalized } from "@/components/ui/select";
import { useTRPC } from "@/lib/trpc";
import { BulkBar } from "./bulk-bar";
import { type InboxFilters, useInboxFilters } from "./inbox-filters";
import { useInboxRows } from "./inbox-rows";
import { NewTicketDialog } from "./new-ticket-dialog";
import { QueueSidebar } from "./queue-sidebar";
import { SearchBox } from "./search-box";
import { SearchMatches } from "./search-matches";
import { TicketRow } from "./ticket-row";
import { useCheckedTickets } from "./use-checked-tickets";
import { useKeyboardList } from "./use-keyboard-list";

const STATUSES: TTicketStatus[] = ["new", "open", "pending", "resolved", "closed"];
const SEARCH_ID = "inbox-search";

export function InboxView() {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const me = useSessionUser();
  const [filters, setFilters] = useInboxFilters();
  const { rows, pagination, isPending } = useInboxRows(filters);
  const searching = filters.q !== "";

  const directory = useQuery(trpc.user.directory.queryOptions());
  const names = new Map(directory.data?.map((user) => [user.id, user.name]));
  // One live stream refreshes the list (or the search results) and the queues' counts.
  const refresh = () => {
    for (const queryKey of [trpc.ticket.list.pathKey(), trpc.ticket.counts.pathKey(), trpc.search.query.pathKey()]) void queryClient.invalidateQueries({ queryKey });
  };
  // Refetching when the stream (re)connects catches whatever changed while it was not listening.
  useSubscription(trpc.ticket.onChanged.subscriptionOptions(undefined, { onStarted: refresh, onData: refresh }));
  const presentOn = usePresenceByTicket();

  const open = useCallback((index: number) => {
    const row = rows[index];
    if (row) router.push(row.href);
  }, [rows, router]);
  // Bulk actions are for those who may change tickets: agents and admins.
  const canBulk = me.role !== "viewer";
  const checks = useCheckedTickets(rows.map((row) => row.ticket.id));
  const [selected, setSelected] = useKeyboardList(rows.length, { onOpen: open, onToggle: canBulk ? checks.toggle : undefined, searchId: SEARCH_ID });

  return (
    <div className="mx-auto grid max-w-7xl grid-cols-[minmax(0,1fr)] gap-6 px-4 py-6 sm:px-6 lg:grid-cols-[12rem_minmax(0,1fr)]">
      <QueueSidebar current={filters} />
      <div className="min-w-0">
        <div className="flex flex-wrap items-end gap-3">
          <h1 className="mr-auto text-2xl font-semibold tracking-tight">Inbox</h1>
          <SearchBox id={SEARCH_ID} q={filters.q} onSearch={setFilters} />
          <label htmlFor="inbox-status" className="sr-only">Status</label>
          <Select id="inbox-status" value={filters.status ?? ""} onChange={(event) => setFilters({ status: (event.target.value || undefined) as InboxFilters["status"] })}>
            <option value="">All statuses</option>
            <option value="active">Active (new, open, pending)</option>
            {STATUSES.map((value) => <option key={value} value={value}>{capitalized(value)}</option>)}
          </Select>
          {!searching && (
            <>
              <label htmlFor="inbox-assignee" className="sr-only">Assignee</label>
              <Select id="inbox-assignee" value={filters.assignee_id ?? ""} onChange={(event) => setFilters({ assignee_id: event.target.value || undefined })}>
                <option value="">Anyone</option>
                <option value="none">Unassigned</option>
                <option value="me">Assigned to me</option>
                {directory.data?.filter((user) => user.id !== me.id && user.role !== "viewer").map((user) => <option key={user.id} value={user.id}>{user.name}</option>)}
              </Select>
            </>
          )}
          <NewTicketDialog />
        </div>
        {filters.requester_email && !searching && (
          <p className="mt-3 text-sm text-slate-700 dark:text-slate-300">
            Tickets from <span className="font-medium">{filters.requester_email}</span>{" "}
            <button type="button" onClick={() => setFilters({ requester_email: undefined })} className="text-indigo-700 underline dark:text-indigo-300">Show everyone's</button>
          </p>
        )}
        {searching && pagination && (
          <p role="status" className="mt-3 text-sm text-slate-700 dark:text-slate-300">
            {pagination.total === 1 ? "1 ticket matches" : `${pagination.total} tickets match`} “{filters.q}”{filters.status ? ` (${filters.status})` : ""}, best first.
          </p>
        )}

        <div className="mt-4 overflow-hidden rounded-xl border border-slate-200 bg-white shadow-sm dark:border-slate-800 dark:bg-slate-900">
          {canBulk && (
            <BulkBar
              pageCount={rows.length}
              checkedIds={checks.checked}
              onCheckAll={checks.setAll}
              meId={me.id}
              assignees={directory.data?.filter((user) => user.id !== me.id && user.role !== "viewer") ?? []}
              nameOf={(userId) => names.get(userId) ?? userId}
              onApplied={() => { checks.clear(); refresh(); }}
            />
          )}
          {isPending ? (
            <p className="p-8 text-center text-sm text-slate-600 dark:text-slate-400">{searching ? "Searching…" : "Loading tickets…"}</p>
          ) : rows.length === 0 ? (
            <p className="p-8 text-center text-sm text-slate-600 dark:text-slate-400">
              {searching ? "Nothing matches. Words are matched whole (“reset” also finds “resets”); try fewer or other words." : "No tickets match. Try another filter."}
            </p>
          ) : (
            <ul aria-label="Tickets" className="divide-y divide-slate-100 dark:divide-slate-800">
              {rows.map((row, index) => (
                <TicketRow
                  key={row.ticket.id}
                  ticket={row.ticket}
                  href={row.href}
                  selected={index === selected}
                  onHover={() => setSelected(index)}
                  assigneeName={row.ticket.assigneeId ? names.get(row.ticket.assigneeId) ?? "—" : "Unassigned"}
                  people={presentOn[row.ticket.id]}
                  check={canBulk ? { checked: checks.isChecked(row.ticket.id), onToggle: (range) => checks.toggle(index, range) } : undefined}
                >
                  <SearchMatches ticketId={row.ticket.id} matches={row.matches} />
                </TicketRow>
              ))}
            </ul>
          )}
        </div>

        <Pager pagination={pagination} noun={searching ? "results" : "tickets"} onPage={(page) => setFilters({ page })} />
        <p className="mt-3 text-xs text-slate-600 dark:text-slate-400">Keys: j / k to move, Enter to open, / to search{canBulk ? ", x to select" : ""}.</p>
      </div>
    </div>
  );
}
