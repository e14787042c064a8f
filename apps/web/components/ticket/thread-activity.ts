"use client";

import type { TMessage, TTicketEvent } from "@helpdesk/validators";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useSubscription } from "@trpc/tanstack-react-query";
import { useTRPC } from "@/lib/trpc";

/**
 * The ticket's activity, kept current: every change of this ticket (a field, a new message, the automation, another
 * agent on another server) is announced on ticket.onChanged, and the events and the ticket are read again then.
 */
export function useTicketEvents(ticketId: string): TTicketEvent[] {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const events = useQuery(trpc.ticket.events.queryOptions({ ticket_id: ticketId }));
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: trpc.ticket.events.queryKey({ ticket_id: ticketId }) });
    void queryClient.invalidateQueries({ queryKey: trpc.ticket.byId.queryKey({ ticket_id: ticketId }) });
  };
  // Started: the events were read before the stream listened (or while it reconnected), so read them again.
  useSubscription(trpc.ticket.onChanged.subscriptionOptions({ ticket_id: ticketId }, { onStarted: refresh, onData: refresh }));
  return events.data?.data ?? [];
}

export type ThreadItem = { kind: "message"; message: TMessage } | { kind: "event"; event: TTicketEvent };

/** Time order; at one instant a message comes before the event it caused (its ticket_update, a reopening). */
function chronological(a: ThreadItem, b: ThreadItem): number {
  const [timeA, timeB] = [timeOf(a), timeOf(b)];
  if (timeA !== timeB) return timeA < timeB ? -1 : 1;
  if (a.kind !== b.kind) return a.kind === "message" ? -1 : 1;
  const [idA, idB] = [idOf(a), idOf(b)];
  return idA < idB ? -1 : idA > idB ? 1 : 0;
}
const timeOf = (item: ThreadItem) => (item.kind === "message" ? item.message.createdAt : item.event.createdAt);
const idOf = (item: ThreadItem) => (item.kind === "message" ? item.message.id : item.event.id);

/**
 * The messages on screen with the events among them, in the thread's order. While more pages remain, only the events
 * within the loaded messages' span are shown (the rest belong among messages not loaded yet); on the last page, all.
 */
export function threadItems(messages: TMessage[], events: TTicketEvent[], view: { order: "asc" | "desc"; hasMore: boolean }): ThreadItem[] {
  // The list's far end: the newest loaded message oldest-first, the oldest loaded one newest-first.
  const edge = view.hasMore ? messages.at(-1)?.createdAt : undefined;
  const shown = edge === undefined ? events : events.filter((event) => (view.order === "asc" ? event.createdAt <= edge : event.createdAt >= edge));
  const items: ThreadItem[] = [
    ...messages.map((message) => ({ kind: "message" as const, message })),
    ...shown.map((event) => ({ kind: "event" as const, event })),
  ].sort(chronological);
  return view.order === "asc" ? items : items.reverse();
}
