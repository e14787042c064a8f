"use client";

import type { TMessage, TTicket } from "@helpdesk/validators";
import { useInfiniteQuery, useQuery, useQueryClient } from "@tanstack/react-query";
import { useSubscription } from "@trpc/tanstack-react-query";
import { Fragment, type ReactNode, useState } from "react";
import { useWithdrawnMessages } from "@/components/composer/undo-bar";
import { useTRPC, useTRPCClient } from "@/lib/trpc";
import { ActivityEntry } from "./activity-entry";
import { MessageCard } from "./message-card";
import { threadItems, useTicketEvents } from "./thread-activity";

const PAGE_SIZE = 50;

/**
 * The conversation, a page at a time (a 10,000-message ticket renders only what was loaded), live. The composer sits
 * at the newest end: below the thread oldest first, above it newest first (moved, not rebuilt, so it keeps its state).
 */
export function Conversation({ ticket, composer }: { ticket: TTicket; composer?: ReactNode }) {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  const [order, setOrder] = useState<"asc" | "desc">("asc");
  const [live, setLive] = useState<TMessage[]>([]);
  const directory = useQuery(trpc.user.directory.queryOptions());
  const names = new Map(directory.data?.map((user) => [user.id, user.name]));
  const events = useTicketEvents(ticket.id);
  const withdrawn = useWithdrawnMessages(ticket.id, events);

  const pages = useInfiniteQuery({
    queryKey: [...trpc.message.list.pathKey(), ticket.id, order],
    initialPageParam: 1,
    queryFn: ({ pageParam }) => client.message.list.query({ ticket_id: ticket.id, page: pageParam, limit: PAGE_SIZE, sort_order: order }),
    getNextPageParam: (last) => (last.pagination.hasMore ? last.pagination.page + 1 : undefined),
  });
  const refreshTicket = () => void queryClient.invalidateQueries({ queryKey: trpc.ticket.byId.queryKey({ ticket_id: ticket.id }) });
  useSubscription(
    trpc.message.onCreated.subscriptionOptions({ ticket_id: ticket.id }, {
      // The page was read before the stream listened (or while it was reconnecting): read it again to catch up.
      onStarted: () => {
        void queryClient.invalidateQueries({ queryKey: [...trpc.message.list.pathKey(), ticket.id] });
        refreshTicket();
      },
      onData: (message) => {
        setLive((current) => (current.some((m) => m.id === message.id) ? current : [...current, message]));
        refreshTicket();
      },
    }),
  );

  const loaded = pages.data?.pages.flatMap((page) => page.data) ?? [];
  const loadedIds = new Set(loaded.map((message) => message.id));
  const fresh = live.filter((message) => !loadedIds.has(message.id) && !withdrawn.has(message.id));
  // New messages belong at the end of an oldest-first list (once it is fully loaded) or at the top of a newest-first one.
  const messages = (order === "asc" ? (pages.hasNextPage ? loaded : [...loaded, ...fresh]) : [...fresh.reverse(), ...loaded]).filter(
    (message) => !withdrawn.has(message.id),
  );
  const total = (pages.data?.pages[0]?.pagination.total ?? 0) + fresh.length;

  return (
    <section aria-label="Conversation" className="space-y-3">
      <div className="flex items-center justify-between text-sm">
        <h2 className="font-medium text-slate-700 dark:text-slate-300">{total} message{total === 1 ? "" : "s"}</h2>
        <button type="button" onClick={() => setOrder(order === "asc" ? "desc" : "asc")} className="rounded-md px-2 py-1 text-slate-700 hover:bg-slate-100 dark:text-slate-300 dark:hover:bg-slate-800">
          {order === "asc" ? "Oldest first ↓" : "Newest first ↑"}
        </button>
      </div>
      {(order === "asc" ? ["thread", "composer"] : ["composer", "thread"]).map((part) =>
        part === "composer" ? <Fragment key="composer">{composer}</Fragment> : (
          <Fragment key="thread">
            {pages.isPending && <p className="text-sm text-slate-600 dark:text-slate-400">Loading conversation…</p>}
            {threadItems(messages, events, { order, hasMore: pages.hasNextPage }).map((item) =>
              item.kind === "event" ? <ActivityEntry key={item.event.id} event={item.event} names={names} /> : (
                <MessageCard key={item.message.id} message={item.message} ticket={ticket} authorName={names.get(item.message.authorId ?? "") ?? "Agent"} />
              ),
            )}
            {pages.hasNextPage && (
              <button type="button" disabled={pages.isFetchingNextPage} onClick={() => void pages.fetchNextPage()} className="w-full rounded-lg border border-slate-300 py-2 text-sm hover:bg-slate-100 disabled:opacity-50 dark:border-slate-700 dark:hover:bg-slate-800">
                {pages.isFetchingNextPage ? "Loading…" : `Load ${order === "asc" ? "newer" : "older"} messages`}
              </button>
            )}
          </Fragment>
        ),
      )}
    </section>
  );
}
