"use client";

import type { TTicket } from "@helpdesk/validators";
import { useIsFetching, useQuery } from "@tanstack/react-query";
import { useSearchParams } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { toApiError } from "@/lib/api-error";
import { useTRPC } from "@/lib/trpc";
import { MessageCard } from "./message-card";

const SPOTLIGHT = ["ring-2", "ring-amber-500", "ring-offset-2", "dark:ring-amber-400", "dark:ring-offset-slate-950"];

/** Scrolls a message card into view, outlines it and gives it the focus (a screen reader starts reading there). */
function spotlight(card: HTMLElement): () => void {
  card.dataset.searchHit = "true";
  card.classList.add(...SPOTLIGHT);
  card.tabIndex = -1;
  card.scrollIntoView({ block: "center" });
  card.focus({ preventScroll: true });
  return () => {
    delete card.dataset.searchHit;
    card.classList.remove(...SPOTLIGHT);
  };
}

/**
 * `/tickets/<id>?message=<message id>` (a search result) opens the ticket at that message: when the conversation's
 * loaded pages hold it, it is scrolled to and outlined in place; when it is on a later page, it is read with
 * message.byId and shown above the conversation instead of loading every page before it.
 */
export function MessageJump({ ticket }: { ticket: TTicket }) {
  const messageId = useSearchParams().get("message");
  return messageId ? <Jump key={messageId} ticket={ticket} messageId={messageId} /> : null;
}

function Jump({ ticket, messageId }: { ticket: TTicket; messageId: string }) {
  const trpc = useTRPC();
  const message = useQuery(trpc.message.byId.queryOptions({ message_id: messageId }));
  const directory = useQuery(trpc.user.directory.queryOptions());
  const threadFetching = useIsFetching({ queryKey: [...trpc.message.list.pathKey(), ticket.id] }) > 0;
  const [where, setWhere] = useState<"looking" | "thread" | "pinned">("looking");
  const pinned = useRef<HTMLElement>(null);

  useEffect(() => {
    if (where !== "looking") return;
    const conversation = () => document.querySelector('section[aria-label="Conversation"]');
    const look = () => {
      const card = conversation()?.querySelector<HTMLElement>(`[data-message-id="${CSS.escape(messageId)}"]`);
      if (card) setWhere("thread");
      // The loaded pages are in and it is not among them: show it on its own.
      else if (!threadFetching && message.data && conversation()?.querySelector('[data-testid="message"]')) setWhere("pinned");
      else return false;
      return true;
    };
    if (look()) return;
    const observer = new MutationObserver(() => look() && observer.disconnect());
    observer.observe(document.body, { childList: true, subtree: true });
    return () => observer.disconnect();
  }, [where, messageId, threadFetching, message.data]);

  useEffect(() => {
    const card =
      where === "thread"
        ? document.querySelector<HTMLElement>(`section[aria-label="Conversation"] [data-message-id="${CSS.escape(messageId)}"]`)
        : where === "pinned"
          ? pinned.current?.querySelector<HTMLElement>("[data-message-id]")
          : null;
    return card ? spotlight(card) : undefined;
  }, [where, messageId]);

  if (message.isError) {
    const gone = toApiError(message.error).code === "NOT_FOUND";
    return <p role="status" className="rounded-lg border border-slate-300 px-4 py-3 text-sm dark:border-slate-700">{gone ? "The message your link points to no longer exists (it may have been withdrawn)." : "The message your link points to could not be loaded."}</p>;
  }
  if (where !== "pinned" || !message.data || message.data.ticketId !== ticket.id) return null;
  const authorName = directory.data?.find((user) => user.id === message.data.authorId)?.name ?? "Agent";
  return (
    <section ref={pinned} aria-label="Message found by your search" className="space-y-2">
      <p className="text-sm text-slate-700 dark:text-slate-300">Found by your search. It is further on in the conversation, which shows the first page below.</p>
      <MessageCard message={message.data} ticket={ticket} authorName={authorName} />
    </section>
  );
}
