"use client";

import type { TOutboxStatus } from "@helpdesk/validators";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { Pager } from "@/components/ui/pager";
import { Time } from "@/components/ui/time";
import { toApiError } from "@/lib/api-error";
import { useTRPC } from "@/lib/trpc";

const STATUS_STYLES: Record<TOutboxStatus, string> = {
  queued: "bg-sky-100 text-sky-900 dark:bg-sky-950 dark:text-sky-200",
  sending: "bg-indigo-100 text-indigo-900 dark:bg-indigo-950 dark:text-indigo-200",
  sent: "bg-emerald-100 text-emerald-900 dark:bg-emerald-950 dark:text-emerald-200",
  failed: "bg-red-100 text-red-900 dark:bg-red-950 dark:text-red-200",
};

/** Every outgoing email and its delivery; without SMTP_URL this is where mail waits, like a development mailbox. */
export function OutboxView() {
  const trpc = useTRPC();
  const [status, setStatus] = useState<TOutboxStatus | "">("");
  const [page, setPage] = useState(1);
  const emails = useQuery({ ...trpc.outbox.list.queryOptions({ page, limit: 25, status: status || undefined }), placeholderData: keepPreviousData, refetchInterval: 5000 });
  const pagination = emails.data?.pagination;

  return (
    <div className="mx-auto max-w-6xl px-4 py-6 sm:px-6">
      <div className="flex flex-wrap items-end gap-3">
        <div className="mr-auto">
          <h1 className="text-2xl font-semibold tracking-tight">Outbox</h1>
          <p className="text-sm text-slate-600 dark:text-slate-400">Emails to customers and their delivery. Without an SMTP server configured, mail stays queued here.</p>
        </div>
        <label className="text-sm">
          <span className="sr-only">Delivery status</span>
          <select value={status} onChange={(event) => { setStatus(event.target.value as TOutboxStatus | ""); setPage(1); }} className="rounded-lg border border-slate-300 bg-white px-2 py-1.5 text-sm dark:border-slate-700 dark:bg-slate-900">
            <option value="">All emails</option>
            {(Object.keys(STATUS_STYLES) as TOutboxStatus[]).map((value) => <option key={value} value={value}>{value[0]?.toUpperCase() + value.slice(1)}</option>)}
          </select>
        </label>
      </div>
      <div className="mt-4 overflow-x-auto rounded-xl border border-slate-200 bg-white shadow-sm dark:border-slate-800 dark:bg-slate-900">
        {emails.isError ? (
          <p role="alert" className="p-8 text-center text-sm">{toApiError(emails.error).message}</p>
        ) : emails.isPending ? (
          <p className="p-8 text-center text-sm text-slate-600 dark:text-slate-400">Loading…</p>
        ) : emails.data.data.length === 0 ? (
          <p className="p-8 text-center text-sm text-slate-600 dark:text-slate-400">No emails yet. Replies to customers appear here.</p>
        ) : (
          <table className="w-full text-sm">
            <thead className="text-left text-xs uppercase tracking-wide text-slate-600 dark:text-slate-400">
              <tr><th className="px-4 py-2">Subject</th><th className="px-4 py-2">To</th><th className="px-4 py-2">Status</th><th className="px-4 py-2">Queued</th></tr>
            </thead>
            <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
              {emails.data.data.map((email) => (
                <tr key={email.id} data-testid="outbox-row">
                  <td className="px-4 py-2"><Link href={`/tickets/${email.ticketId}`} className="font-medium hover:underline">{email.subject}</Link></td>
                  <td className="px-4 py-2">
                    {email.to.map((r) => r.email).join(", ")}
                    {email.cc.length > 0 && <span className="block text-xs text-slate-600 dark:text-slate-400">Cc: {email.cc.map((r) => r.email).join(", ")}</span>}
                  </td>
                  <td className="px-4 py-2">
                    <span className={`rounded-full px-2 py-0.5 text-xs font-medium ${STATUS_STYLES[email.status]}`}>{email.status}</span>
                    {email.attempts > 0 && <span className="ml-2 text-xs text-slate-600 dark:text-slate-400">{email.attempts} attempt{email.attempts === 1 ? "" : "s"}</span>}
                    {email.lastError && <span className="block text-xs text-red-700 dark:text-red-300">{email.lastError}</span>}
                  </td>
                  <td className="px-4 py-2 text-xs text-slate-600 dark:text-slate-400"><Time iso={email.createdAt} /></td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
      <Pager pagination={pagination} noun="emails" onPage={setPage} />
    </div>
  );
}
