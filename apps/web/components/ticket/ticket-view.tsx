"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { Composer } from "@/components/composer/composer";
import { NotFoundNotice } from "@/components/page-notice";
import { PresenceBar } from "@/components/presence/presence-bar";
import { useSessionUser } from "@/components/providers";
import { StatusBadge } from "@/components/ui/badges";
import { toApiError } from "@/lib/api-error";
import { useTRPC } from "@/lib/trpc";
import { Conversation } from "./conversation";
import { CustomerHistory } from "./customer-history";
import { FollowUpLinks } from "./follow-up-links";
import { MessageJump } from "./message-jump";
import { TicketFields } from "./ticket-fields";

export function TicketView({ ticketId }: { ticketId: string }) {
  const trpc = useTRPC();
  const user = useSessionUser();
  const ticket = useQuery(trpc.ticket.byId.queryOptions({ ticket_id: ticketId }));

  if (ticket.isPending) return <p className="p-8 text-sm text-slate-600 dark:text-slate-400">Loading ticket…</p>;
  if (ticket.isError) {
    const error = toApiError(ticket.error);
    if (error.code === "NOT_FOUND") return <NotFoundNotice />;
    return (
      <div className="p-8">
        <p role="alert" className="text-sm">{error.message}</p>
        <Link href="/" className="mt-2 inline-block text-sm text-indigo-700 underline dark:text-indigo-300">Back to the inbox</Link>
      </div>
    );
  }
  const data = ticket.data;
  const closed = data.status === "closed";
  const canWrite = user.role !== "viewer" && !closed;
  return (
    <div className="mx-auto grid max-w-6xl gap-6 px-4 py-6 sm:px-6 lg:grid-cols-[minmax(0,1fr)_16rem]">
      <div className="min-w-0 space-y-4">
        <div>
          <Link href="/" className="text-sm text-slate-600 hover:underline dark:text-slate-400">← Inbox</Link>
          <h1 className="mt-1 flex flex-wrap items-center gap-3 text-xl font-semibold tracking-tight">
            {data.subject} <StatusBadge status={data.status} />
          </h1>
          <p className="text-sm text-slate-600 dark:text-slate-400">{data.requesterName ? `${data.requesterName} · ` : ""}{data.requesterEmail}</p>
          <FollowUpLinks ticket={data} />
        </div>
        <PresenceBar ticketId={ticketId} />
        {closed && (
          <p role="status" data-testid="closed-notice" className="rounded-lg border border-slate-300 bg-slate-100 px-4 py-3 text-sm dark:border-slate-700 dark:bg-slate-900">
            This ticket is closed, so it is read-only: it was resolved and then closed automatically. If the customer writes again by email, their mail opens a follow-up ticket.
          </p>
        )}
        {user.role === "viewer" && (
          <p role="status" className="rounded-lg border border-slate-200 bg-white px-4 py-3 text-sm text-slate-700 dark:border-slate-800 dark:bg-slate-900 dark:text-slate-300">
            You have read-only access (viewer role).
          </p>
        )}
        <MessageJump ticket={data} />
        <Conversation ticket={data} composer={canWrite ? <Composer ticket={data} /> : null} />
      </div>
      <aside aria-label="Ticket fields" className="h-fit rounded-xl border border-slate-200 bg-white p-4 shadow-sm lg:sticky lg:top-16 dark:border-slate-800 dark:bg-slate-900">
        <TicketFields ticket={data} editable={canWrite} />
        <CustomerHistory ticket={data} />
      </aside>
    </div>
  );
}
