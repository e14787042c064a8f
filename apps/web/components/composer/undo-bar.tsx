"use client";

import type { TMessage, TTicketEvent } from "@helpdesk/validators";
import { type QueryClient, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { toast } from "sonner";
import { toApiError } from "@/lib/api-error";
import { useTRPC } from "@/lib/trpc";

const withdrawnKey = (ticketId: string) => ["composer", "withdrawn", ticketId] as const;

/**
 * Withdrawn messages the conversation must leave out even where the live stream had already shown them: those this
 * page undid, and those the ticket's activity says someone undid (message.withdrawn, changes.message.from).
 */
export function useWithdrawnMessages(ticketId: string, events: TTicketEvent[]): ReadonlySet<string> {
  const undoneHere = useQuery({ queryKey: withdrawnKey(ticketId), queryFn: () => new Set<string>(), initialData: () => new Set<string>(), staleTime: Number.POSITIVE_INFINITY });
  const undoneAnywhere = events.flatMap((event) => (event.kind === "message.withdrawn" && typeof event.changes.message?.from === "string" ? [event.changes.message.from] : []));
  return new Set([...undoneHere.data, ...undoneAnywhere]);
}

function markWithdrawn(queryClient: QueryClient, message: TMessage) {
  queryClient.setQueryData(withdrawnKey(message.ticketId), (current: Set<string> | undefined) => new Set([...(current ?? []), message.id]));
}

const secondsLeft = (until: string) => Math.max(0, Math.ceil((Date.parse(until) - Date.now()) / 1000));

/**
 * "Reply sent · Undo" for as long as the message's mail waits (its undoableUntil). Undo withdraws the message: it
 * leaves the thread and `onUndone` gets it back, to put its text into the composer.
 */
export function UndoBar({ message, onClose, onUndone }: { message: TMessage & { undoableUntil: string }; onClose: () => void; onUndone: (message: TMessage) => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [left, setLeft] = useState(() => secondsLeft(message.undoableUntil));
  useEffect(() => {
    const tick = setInterval(() => setLeft(secondsLeft(message.undoableUntil)), 250);
    return () => clearInterval(tick);
  }, [message.undoableUntil]);
  useEffect(() => {
    if (left === 0) onClose();
  }, [left, onClose]);

  const undo = useMutation(
    trpc.message.undo.mutationOptions({
      onSuccess: (withdrawn) => {
        markWithdrawn(queryClient, withdrawn);
        void queryClient.invalidateQueries({ queryKey: trpc.message.list.pathKey() });
        void queryClient.invalidateQueries({ queryKey: trpc.ticket.byId.queryKey({ ticket_id: withdrawn.ticketId }) });
        toast.success("Send undone: the message is back in the composer.");
        onUndone(withdrawn);
      },
      onError: (failure) => {
        const error = toApiError(failure);
        toast.error(error.code === "CONFLICT" ? "Too late to undo: the mail is already on its way." : error.message);
        onClose();
      },
    }),
  );

  return (
    <div data-testid="undo-send" className="flex items-center gap-3 rounded-lg border border-slate-300 bg-slate-900 px-3 py-2 text-sm text-white dark:border-slate-600 dark:bg-slate-100 dark:text-slate-900">
      <span role="status">{message.isForward ? "Forwarded" : "Reply sent"}</span>
      <button type="button" disabled={undo.isPending} onClick={() => undo.mutate({ message_id: message.id })} className="rounded-md px-2 py-0.5 font-semibold underline underline-offset-2 hover:bg-white/10 disabled:opacity-60 dark:hover:bg-slate-900/10">
        {undo.isPending ? "Undoing…" : "Undo"}
      </button>
      <span aria-hidden="true" className="ml-auto tabular-nums opacity-80">{left} s</span>
    </div>
  );
}

/** The undo window of a message just sent, or null when its mail does not wait (a note, no email, no delay). */
export function undoable(message: TMessage): (TMessage & { undoableUntil: string }) | null {
  const until = message.undoableUntil;
  return until && Date.parse(until) > Date.now() ? { ...message, undoableUntil: until } : null;
}
