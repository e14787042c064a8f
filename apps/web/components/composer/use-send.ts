"use client";

import type { TCreateMessageBodyInput, TMessage } from "@helpdesk/validators";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { TRPCClientError } from "@trpc/client";
import { useEffect, useRef, useState } from "react";
import { toApiError, type ApiError } from "@/lib/api-error";
import { useTRPC } from "@/lib/trpc";

export type SendInput = Omit<TCreateMessageBodyInput, "ticket_id">;

/** The messages someone else added after the one the agent had seen (a CONFLICT of the stale-reply guard), or null. */
function newMessagesOf(failure: unknown): string[] | null {
  if (!(failure instanceof TRPCClientError)) return null;
  const data = failure.data as { appCode?: string; details?: { newMessageIds?: unknown } } | undefined;
  const ids = data?.appCode === "CONFLICT" ? data.details?.newMessageIds : undefined;
  return Array.isArray(ids) && ids.length > 0 ? ids.map(String) : null;
}

/**
 * Sending a composed message: one idempotency key per composed message (a double click or a retry posts once), the
 * stale-reply guard (the newest message the agent had seen when they started writing goes with the send; if someone
 * else wrote meanwhile the send is held with their messages' ids) and the result, for the undo bar.
 */
export function useSend(ticketId: string, hasContent: boolean, { prepare, onSent }: { prepare: () => Promise<void>; onSent: (message: TMessage) => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [error, setError] = useState<ApiError | null>(null);
  const [held, setHeld] = useState<string[] | null>(null);
  const key = useRef<string>(crypto.randomUUID());
  // A second click can arrive before React re-renders the button as disabled; this guard sees it at once.
  const busy = useRef(false);

  // The newest message of the conversation, read with the page; what the agent saw when they began to write.
  const newest = useQuery(trpc.message.list.queryOptions({ ticket_id: ticketId, page: 1, limit: 1, sort_order: "desc" }));
  const newestId = newest.data?.data[0]?.id ?? null;
  const seen = useRef<string | null>(null);
  useEffect(() => {
    if (!hasContent) seen.current = null;
    else if (seen.current === null) seen.current = newestId;
  }, [hasContent, newestId]);

  const create = useMutation(trpc.message.create.mutationOptions());

  async function send(input: SendInput, lastSeen = seen.current) {
    if (busy.current) return;
    busy.current = true;
    try {
      await prepare();
      const message = await create.mutateAsync({
        ticket_id: ticketId,
        ...input,
        ...(lastSeen ? { last_seen_message_id: lastSeen } : {}),
        idempotency_key: key.current,
      });
      key.current = crypto.randomUUID();
      seen.current = null;
      setHeld(null);
      setError(null);
      void queryClient.invalidateQueries({ queryKey: trpc.message.list.pathKey() });
      void queryClient.invalidateQueries({ queryKey: trpc.ticket.byId.queryKey({ ticket_id: ticketId }) });
      onSent(message);
    } catch (failure) {
      const newer = newMessagesOf(failure);
      if (newer) {
        setHeld(newer);
        setError(null);
      } else {
        setError(toApiError(failure));
      }
    } finally {
      busy.current = false;
    }
  }

  return {
    send,
    pending: create.isPending,
    error,
    clearError: () => setError(null),
    held,
    /** Sends the held message as it is: the agent has now seen the newer messages. */
    sendAnyway: (input: SendInput) => send(input, held?.at(-1) ?? seen.current),
    /** Back to editing: the newer messages count as seen, so only later ones hold the next send. */
    edit: () => {
      seen.current = held?.at(-1) ?? seen.current;
      setHeld(null);
    },
    /** After an undo or a discard, the next send is a new message with its own key. */
    startOver: () => {
      key.current = crypto.randomUUID();
      seen.current = null;
      setHeld(null);
      setError(null);
    },
  };
}
