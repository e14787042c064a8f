"use client";

import type { TTicket } from "@helpdesk/validators";
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useTRPC } from "@/lib/trpc";

/** How many follow-ups a closed ticket lists; a customer who keeps writing to an old thread is shown the first ones. */
const FOLLOW_UPS_SHOWN = 20;

const linkClass = "font-medium text-indigo-700 underline dark:text-indigo-300";

/**
 * A mail to a closed ticket opens a follow-up ticket (CONTRACT §11): the follow-up links back to the closed one,
 * and the closed one lists its follow-ups. Only closed tickets can have follow-ups, so only they ask.
 */
export function FollowUpLinks({ ticket }: { ticket: TTicket }) {
  const trpc = useTRPC();
  const original = useQuery({ ...trpc.ticket.byId.queryOptions({ ticket_id: ticket.followUpOfId ?? "" }), enabled: ticket.followUpOfId !== null });
  const followUps = useQuery({
    ...trpc.ticket.list.queryOptions({ follow_up_of: ticket.id, limit: FOLLOW_UPS_SHOWN }),
    enabled: ticket.status === "closed",
  });
  const found = followUps.data?.data ?? [];
  if (ticket.followUpOfId === null && found.length === 0) return null;
  return (
    <div className="mt-1 space-y-0.5 text-sm text-slate-700 dark:text-slate-300">
      {ticket.followUpOfId !== null && (
        <p data-testid="follow-up-of">
          Follow-up of <Link href={`/tickets/${ticket.followUpOfId}`} className={linkClass}>{original.data?.subject ?? ticket.followUpOfId}</Link>
        </p>
      )}
      {found.length > 0 && (
        <p data-testid="follow-ups">
          Follow-ups:{" "}
          {found.map((followUp, index) => (
            <span key={followUp.id}>
              {index > 0 && ", "}
              <Link href={`/tickets/${followUp.id}`} className={linkClass}>{followUp.subject}</Link>
            </span>
          ))}
        </p>
      )}
    </div>
  );
}
