"use client";

import type { TInboundEmail } from "@helpdesk/validators";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { Pager } from "@/components/ui/pager";
import { Time } from "@/components/ui/time";
import { toApiError } from "@/lib/api-error";
import { useTRPC } from "@/lib/trpc";
import { InboundSetup } from "./inbound-setup";

type Outcome = TInboundEmail["outcome"];

const OUTCOMES: Record<Outcome, { label: string; style: string }> = {
  new_ticket: { label: "New ticket", style: "bg-sky-100 text-sky-900 dark:bg-sky-950 dark:text-sky-200" },
  appended: { label: "Appended", style: "bg-emerald-100 text-emerald-900 dark:bg-emerald-950 dark:text-emerald-200" },
  follow_up: { label: "Follow-up", style: "bg-indigo-100 text-indigo-900 dark:bg-indigo-950 dark:text-indigo-200" },
  ignored: { label: "Ignored", style: "bg-slate-200 text-slate-800 dark:bg-slate-800 dark:text-slate-200" },
  bounce: { label: "Bounce", style: "bg-amber-100 text-amber-900 dark:bg-amber-950 dark:text-amber-200" },
  unparseable: { label: "Unparseable", style: "bg-red-100 text-red-900 dark:bg-red-950 dark:text-red-200" },
};

const DOORS: Record<TInboundEmail["door"], string> = { smtp: "SMTP", http: "HTTP", imap: "IMAP" };

/** Admins: how mail reaches this server, and what became of the mails received lately (the unparseable ones too). */
export function InboundView() {
  const trpc = useTRPC();
  const [unparseableOnly, setUnparseableOnly] = useState(false);
  const [page, setPage] = useState(1);
  const setup = useQuery(trpc.inbound.setup.queryOptions());
  const emails = useQuery({
    ...trpc.inbound.list.queryOptions({ page, limit: 25, outcome: unparseableOnly ? "unparseable" : undefined }),
    placeholderData: keepPreviousData,
    refetchInterval: 5000,
  });

  return (
    <div className="mx-auto max-w-6xl space-y-4 px-4 py-6 sm:px-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Inbound</h1>
        <p className="text-sm text-slate-600 dark:text-slate-400">Mail customers send to the support addresses, and what became of it.</p>
      </div>
      {setup.isError ? <p role="alert" className="text-sm">{toApiError(setup.error).message}</p> : setup.data && <InboundSetup setup={setup.data} />}
      <section aria-labelledby="inbound-mails-heading">
        <div className="flex flex-wrap items-end gap-3">
          <h2 id="inbound-mails-heading" className="mr-auto text-base font-semibold">Received mail</h2>
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" checked={unparseableOnly} onChange={(event) => { setUnparseableOnly(event.target.checked); setPage(1); }} className="h-4 w-4" />
            Unparseable only
          </label>
        </div>
        <div className="mt-2 overflow-x-auto rounded-xl border border-slate-200 bg-white shadow-sm dark:border-slate-800 dark:bg-slate-900">
          {emails.isError ? (
            <p role="alert" className="p-8 text-center text-sm">{toApiError(emails.error).message}</p>
          ) : emails.isPending ? (
            <p className="p-8 text-center text-sm text-slate-600 dark:text-slate-400">Loading…</p>
          ) : emails.data.data.length === 0 ? (
            <p className="p-8 text-center text-sm text-slate-600 dark:text-slate-400">{unparseableOnly ? "No unparseable mail." : "No mail received yet."}</p>
          ) : (
            <table className="w-full text-sm">
              <thead className="text-left text-xs uppercase tracking-wide text-slate-600 dark:text-slate-400">
                <tr>
                  <th className="px-4 py-2">Received</th><th className="px-4 py-2">Door</th><th className="px-4 py-2">From</th><th className="px-4 py-2">Subject</th>
                  <th className="px-4 py-2">Outcome</th><th className="px-4 py-2">Original</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
                {emails.data.data.map((email) => <InboundRow key={email.id} email={email} />)}
              </tbody>
            </table>
          )}
        </div>
        <Pager pagination={emails.data?.pagination} noun="mails" onPage={setPage} />
      </section>
    </div>
  );
}

function InboundRow({ email }: { email: TInboundEmail }) {
  const outcome = OUTCOMES[email.outcome];
  // An unparseable mail has no subject we could read.
  const subject = email.subject || "—";
  return (
    <tr data-testid="inbound-row" data-outcome={email.outcome}>
      <td className="px-4 py-2 text-xs text-slate-600 dark:text-slate-400"><Time iso={email.receivedAt} /></td>
      <td className="px-4 py-2">{DOORS[email.door]}</td>
      <td className="px-4 py-2 break-all">{email.fromEmail ?? "—"}</td>
      <td className="px-4 py-2">
        {email.ticketId ? <Link href={`/tickets/${email.ticketId}`} className="font-medium hover:underline">{subject}</Link> : subject}
      </td>
      <td className="px-4 py-2">
        <span className={`rounded-full px-2 py-0.5 text-xs font-medium whitespace-nowrap ${outcome.style}`}>{outcome.label}</span>
        {email.reason && <span className="mt-1 block text-xs text-slate-600 dark:text-slate-400">{email.reason}</span>}
      </td>
      <td className="px-4 py-2 text-xs">
        <a href={`/helpdesk/api/inbound/emails/${email.id}/original`} download className="whitespace-nowrap text-indigo-700 underline dark:text-indigo-300">.eml</a>
      </td>
    </tr>
  );
}
