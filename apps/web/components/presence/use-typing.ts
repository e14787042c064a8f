"use client";

import { useMutation } from "@tanstack/react-query";
import { useCallback, useEffect, useRef } from "react";
import { useTRPC } from "@/lib/trpc";

export type TypingState = "reply" | "note" | null;

/** The server forgets a typing mark after ~8 s: renewing every 3 s keeps it while the agent types, and no more often. */
const RENEW_EVERY_MS = 3000;

/**
 * Tells the others on the ticket that the user is typing a reply or a note (call it on every change of the editor),
 * or no longer (null: the text was cleared or sent). A change of state goes out at once; the same state is renewed
 * at most every 3 s. Leaving the ticket clears the mark.
 */
export function useTypingPresence(ticketId: string): (state: TypingState) => void {
  const trpc = useTRPC();
  const { mutate } = useMutation(trpc.presence.typing.mutationOptions());
  const send = useRef(mutate);
  send.current = mutate;
  const last = useRef<{ state: TypingState; at: number }>({ state: null, at: 0 });

  useEffect(() => {
    last.current = { state: null, at: 0 };
    return () => {
      if (last.current.state) send.current({ ticket_id: ticketId, state: null });
    };
  }, [ticketId]);

  return useCallback(
    (state: TypingState) => {
      const now = Date.now();
      const { state: sent, at } = last.current;
      if (state === sent && (state === null || now - at < RENEW_EVERY_MS)) return;
      last.current = { state, at: now };
      send.current({ ticket_id: ticketId, state });
    },
    [ticketId],
  );
}
