"use client";

import type { TTicket } from "@helpdesk/validators";
import Link from "next/link";
import type { ReactNode } from "react";
import { PresenceMarker } from "@/components/presence/inbox-marker";
import type { PresentPeople } from "@/components/presence/people";
import { PriorityLabel, StatusBadge } from "@/components/ui/badges";
import { Time } from "@/components/ui/time";

/** One inbox row: subject (with who else has it open), requester, status, priority, assignee, last activity. */
export function TicketRow({ ticket, href, selected, onHover, assigneeName, people, check, children }: {
  ticket: TTicket;
  href: string;
  selected: boolean;
  onHover: () => void;
  assigneeName: string;
  people: PresentPeople | undefined;
  /** For a bulk action (agents): whether the row is checked, and a click on its box (with Shift: a range). */
  check?: { checked: boolean; onToggle: (range: boolean) => void };
  /** Below the row, e.g. a search hit's matching messages. */
  children?: ReactNode;
}) {
  return (
    <li aria-current={selected ? "true" : undefined} onMouseEnter={onHover} className={`flex items-start ${selected ? "bg-indigo-50 dark:bg-indigo-950/40" : ""}`}>
      {check && (
        <input
          type="checkbox"
          aria-label={`Select ${ticket.subject}`}
          checked={check.checked}
          // A checkbox's change comes from a click (or Space), which says whether Shift was held.
          onChange={(event) => check.onToggle((event.nativeEvent as MouseEvent).shiftKey)}
          className="mt-4 ml-4 size-4 shrink-0 accent-indigo-600"
        />
      )}
      <div className="min-w-0 flex-1">
      <Link href={href} className="grid grid-cols-[1fr_auto] items-center gap-x-4 gap-y-1 px-4 py-3 sm:grid-cols-[minmax(0,1fr)_7rem_5rem_8rem_7rem]">
        <span className="min-w-0">
          <span className="flex items-center gap-2"><span className="truncate font-medium">{ticket.subject}</span><PresenceMarker people={people} /></span>
          <span className="block truncate text-xs text-slate-600 dark:text-slate-400">{ticket.requesterName ?? ticket.requesterEmail} · {ticket.requesterEmail}</span>
        </span>
        <span><StatusBadge status={ticket.status} /></span>
        <span className="hidden sm:block"><PriorityLabel priority={ticket.priority} /></span>
        <span className="hidden truncate text-xs text-slate-600 sm:block dark:text-slate-400">{assigneeName}</span>
        <span className="hidden text-right text-xs text-slate-600 sm:block dark:text-slate-400"><Time iso={ticket.updatedAt} /></span>
      </Link>
      {children}
      </div>
    </li>
  );
}
