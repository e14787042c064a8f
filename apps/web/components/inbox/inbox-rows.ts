"use client";

import type { TPagination, TSearchMatch, TTicket } from "@helpdesk/validators";
import { keepPreviousData, skipToken, useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/lib/trpc";
import type { InboxFilters } from "./inbox-filters";

export const PAGE_SIZE = 25;

export interface InboxRow {
  ticket: TTicket;
  /** Search only: the ticket's best matching messages with their snippets. */
  matches: TSearchMatch[];
  /** Where opening the row goes: a search hit opens at its best matching message. */
  href: string;
}

/** The ticket page, jumping to one message (ticket-view's MessageJump scrolls to it and highlights it). */
export const ticketHref = (ticketId: string, messageId?: string) =>
  messageId ? `/tickets/${ticketId}?message=${encodeURIComponent(messageId)}` : `/tickets/${ticketId}`;

/** The inbox's rows: the ticket list for the filters, or with search text the full-text search (status filter kept). */
export function useInboxRows(filters: InboxFilters): { rows: InboxRow[]; pagination: TPagination | undefined; isPending: boolean } {
  const trpc = useTRPC();
  const searching = filters.q !== "";
  const page = { page: filters.page, limit: PAGE_SIZE };
  const list = useQuery({
    ...trpc.ticket.list.queryOptions(
      searching
        ? skipToken
        : { ...page, sort_order: "desc", status: filters.status, assignee_id: filters.assignee_id, requester_email: filters.requester_email },
    ),
    placeholderData: keepPreviousData,
  });
  const search = useQuery({
    ...trpc.search.query.queryOptions(searching ? { ...page, q: filters.q, status: filters.status } : skipToken),
    placeholderData: keepPreviousData,
  });
  if (searching) {
    const rows = (search.data?.data ?? []).map(({ ticket, matches }) => ({ ticket, matches, href: ticketHref(ticket.id, matches[0]?.messageId) }));
    return { rows, pagination: search.data?.pagination, isPending: search.isPending };
  }
  const rows = (list.data?.data ?? []).map((ticket) => ({ ticket, matches: [], href: ticketHref(ticket.id) }));
  return { rows, pagination: list.data?.pagination, isPending: list.isPending };
}
