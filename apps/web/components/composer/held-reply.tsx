"use client";

import type { TTicket } from "@helpdesk/validators";
import { useQueries, useQuery } from "@tanstack/react-query";
import { MessageCard } from "@/components/ticket/message-card";
import { useTRPC } from "@/lib/trpc";

/**
 * A send held by the stale-reply guard: the messages someone else added while the agent was writing, and the choice
 * to send anyway or to go back and edit.
 */
export function HeldReply({ ticket, messageIds, sending, onSendAnyway, onEdit }: {
  ticket: TTicket;
  messageIds: string[];
  sending: boolean;
  onSendAnyway: () => void;
  onEdit: () => void;
}) {
  const trpc = useTRPC();
  const directory = useQuery(trpc.user.directory.queryOptions());
  const names = new Map(directory.data?.map((user) => [user.id, user.name]));
  const messages = useQueries({ queries: messageIds.map((id) => trpc.message.byId.queryOptions({ message_id: id })) });
  const count = messageIds.length;
  return (
    <section aria-label="Your reply is held" data-testid="held-reply" className="space-y-3 rounded-xl border border-amber-400 bg-amber-50 p-4 dark:border-amber-700 dark:bg-amber-950/40">
      <p role="alert" className="text-sm font-semibold text-amber-950 dark:text-amber-100">
        Not sent yet: {count === 1 ? "a new message was" : `${count} new messages were`} added while you were writing.
      </p>
      {messages.map((query, index) =>
        query.data ? (
          <MessageCard key={query.data.id} message={query.data} ticket={ticket} authorName={names.get(query.data.authorId ?? "") ?? "Agent"} />
        ) : (
          <p key={messageIds[index]} className="text-sm text-slate-700 dark:text-slate-300">{query.isError ? "This message is no longer available." : "Loading the new message…"}</p>
        ),
      )}
      <div className="flex flex-wrap gap-2">
        <button type="button" onClick={onSendAnyway} disabled={sending} className="rounded-lg bg-indigo-600 px-4 py-2 text-sm font-semibold text-white hover:bg-indigo-700 disabled:opacity-50">
          {sending ? "Sending…" : "Send anyway"}
        </button>
        <button type="button" onClick={onEdit} className="rounded-lg border border-slate-300 px-4 py-2 text-sm hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800">
          Edit my reply
        </button>
      </div>
    </section>
  );
}
