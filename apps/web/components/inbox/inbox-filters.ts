"use client";

import { type TListTicketsQuery, ZEmail, ZListTicketsQuery, ZUserId } from "@helpdesk/validators";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useCallback, useMemo } from "react";

/**
 * What the inbox shows, kept in the URL's query (the API's own names), so Back restores it and a link shares it:
 * `/?status=open&assignee_id=me&q=reset+link&page=2`. With `q` the inbox shows full-text search results instead.
 */
export interface InboxFilters {
  /** A status, or `active`: new, open or pending (the Unassigned and Mine queues). */
  status?: TListTicketsQuery["status"];
  /** `none` (unassigned), `me`, or a user id. */
  assignee_id?: string;
  requester_email?: string;
  q: string;
  page: number;
}

export type InboxFilterChange = Partial<Omit<InboxFilters, "q" | "page">> & { q?: string; page?: number };

function assigneeParam(value: string | null): string | undefined {
  if (value === "none" || value === "me") return value;
  return ZUserId.safeParse(value).success ? (value as string) : undefined;
}

/** Reads the filters from a query string; values the API would refuse are ignored rather than shown as an error. */
export function parseInboxFilters(params: URLSearchParams): InboxFilters {
  const status = ZListTicketsQuery.shape.status.safeParse(params.get("status") ?? undefined);
  const email = ZEmail.safeParse(params.get("requester_email"));
  const page = Number(params.get("page"));
  return {
    status: status.success ? status.data : undefined,
    assignee_id: assigneeParam(params.get("assignee_id")),
    requester_email: email.success ? email.data : undefined,
    q: params.get("q")?.trim() ?? "",
    page: Number.isInteger(page) && page > 1 ? page : 1,
  };
}

/** The inbox URL for some filters; empty ones and page 1 are left out, so equal views have equal links. */
export function inboxHref(filters: Partial<InboxFilters>): string {
  const params = new URLSearchParams();
  for (const key of ["q", "status", "assignee_id", "requester_email"] as const) {
    const value = filters[key];
    if (value) params.set(key, value);
  }
  if (filters.page && filters.page > 1) params.set("page", String(filters.page));
  const query = params.toString();
  return query ? `/?${query}` : "/";
}

/** The current filters and a setter: a change of filter starts again at page 1; `replace` keeps the history entry. */
export function useInboxFilters() {
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const filters = useMemo(() => parseInboxFilters(new URLSearchParams(params.toString())), [params]);
  const setFilters = useCallback(
    (change: InboxFilterChange, { replace = false } = {}) => {
      const href = inboxHref({ ...filters, page: 1, ...change });
      if (pathname === "/" && href === inboxHref(filters)) return;
      if (replace) router.replace(href, { scroll: false });
      else router.push(href, { scroll: false });
    },
    [filters, pathname, router],
  );
  return [filters, setFilters] as const;
}
