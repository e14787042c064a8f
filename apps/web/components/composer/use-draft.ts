"use client";

import type { TDraft, TEmailAddress, TMessage } from "@helpdesk/validators";
import { useCallback, useEffect, useRef, useState } from "react";
import { toApiError } from "@/lib/api-error";
import { useTRPCClient } from "@/lib/trpc";
import type { UploadedFile } from "./attachments";
import { nothingPending, pendingOf, ticketUpdateOf, type PendingUpdate } from "./ticket-update";

export type ComposerMode = "reply" | "note" | "forward";

/** What the agent is writing; its status choice and a macro's fields (PendingUpdate) go with the send as one ticket_update. */
export interface Draft extends PendingUpdate {
  mode: ComposerMode;
  html: string;
  ccs: TEmailAddress[];
  recipients: TEmailAddress[];
  files: UploadedFile[];
}

export const emptyDraft: Draft = { mode: "reply", html: "", ccs: [], recipients: [], files: [], ...nothingPending };

const SAVE_AFTER_MS = 800;

const isEmpty = (draft: Draft) => draft.html === "" && draft.ccs.length === 0 && draft.recipients.length === 0 && draft.files.length === 0;

function toServer(draft: Draft) {
  return {
    type: draft.mode === "note" ? ("note" as const) : ("response" as const),
    content: draft.html,
    ccs: draft.ccs,
    recipients: draft.recipients,
    is_forward: draft.mode === "forward",
    attachments: draft.files.map(({ token, name, size }) => ({ token, name, size })),
    ticket_update: ticketUpdateOf(draft),
  };
}

function fromServer(saved: TDraft): Draft {
  return {
    mode: saved.type === "note" ? "note" : saved.isForward ? "forward" : "reply",
    html: saved.content,
    ccs: saved.ccs.map(({ email, name }) => (name ? { email, name } : { email })),
    recipients: saved.recipients.map(({ email, name }) => (name ? { email, name } : { email })),
    files: saved.attachments.map(({ token, name, size }) => ({ token, name: name ?? "attachment", size: size ?? 0 })),
    ...pendingOf(saved.ticketUpdate),
  };
}

/**
 * What an undone message was, back as a draft. Undo gives the message's uploads back to their uploader, so the files
 * that went with the send (`files`, kept by the composer: the message answers no upload tokens) can be sent again.
 */
export function draftOfMessage(message: TMessage, files: Draft["files"]): Draft {
  return {
    mode: message.type === "note" ? "note" : message.isForward ? "forward" : "reply",
    html: message.content,
    ccs: message.ccs.map(({ email, name }) => (name ? { email, name } : { email })),
    recipients: message.recipients.map(({ email, name }) => (name ? { email, name } : { email })),
    files,
    ...nothingPending,
  };
}

/**
 * The agent's draft of this ticket, kept on the server (one per user and ticket) so it follows them to any browser:
 * restored on load, saved a moment after each change with the version it was read at. A stale version means another
 * window saved meanwhile: that newer draft is loaded and the agent is told.
 */
export function useDraft(ticketId: string) {
  const client = useTRPCClient();
  const [draft, setDraft] = useState<Draft>(emptyDraft);
  const [ready, setReady] = useState(false);
  // Bumped whenever the draft is replaced from outside the editor (load, reload, undo), so the editor starts over.
  const [epoch, setEpoch] = useState(0);
  const [notice, setNotice] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const latest = useRef(draft);
  const version = useRef<number | null>(null);
  const dirty = useRef(false);
  // Set by the agent's first change: a draft that loads after it (a slow answer) must not wipe what they did.
  const touched = useRef(false);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  // Saves run one after another: each carries the version the previous one answered.
  const queue = useRef<Promise<void>>(Promise.resolve());

  const replace = useCallback((next: Draft) => {
    latest.current = next;
    setDraft(next);
    setEpoch((current) => current + 1);
  }, []);

  const load = useCallback(async (): Promise<Draft> => {
    try {
      const stored = await client.draft.get.query({ ticket_id: ticketId });
      version.current = stored.version;
      return fromServer(stored);
    } catch (failure) {
      if (toApiError(failure).code !== "NOT_FOUND") throw failure;
      version.current = null;
      return emptyDraft;
    }
  }, [client, ticketId]);

  const persist = useCallback(() => {
    if (!dirty.current) return queue.current;
    dirty.current = false;
    queue.current = queue.current.then(async () => {
      const snapshot = latest.current;
      try {
        if (isEmpty(snapshot)) {
          if (version.current !== null) await client.draft.discard.mutate({ ticket_id: ticketId });
          version.current = null;
        } else {
          const stored = await client.draft.save.mutate({ ticket_id: ticketId, ...toServer(snapshot), version: version.current ?? 0 });
          version.current = stored.version;
        }
        setNotice(null);
        setSaved(!dirty.current);
      } catch (failure) {
        const error = toApiError(failure);
        if (error.code !== "CONFLICT") return setNotice(`Your draft could not be saved: ${error.message}`);
        replace(await load());
        setNotice("This draft was changed in another window: its newest version is shown.");
      }
    }).catch(() => setNotice("Your draft could not be saved: the server could not be reached."));
    return queue.current;
  }, [client, ticketId, load, replace]);

  useEffect(() => {
    let current = true;
    setReady(false);
    touched.current = false;
    load().then(
      // Edited meanwhile: the agent's changes win and are saved over the stored draft (load took its version).
      (loaded) => current && !touched.current && replace(loaded),
      () => current && setNotice("Your saved draft could not be loaded."),
    ).finally(() => current && setReady(true));
    return () => {
      current = false;
    };
  }, [load, replace]);

  // Leaving the page saves what the last keystrokes changed rather than dropping it.
  useEffect(() => () => {
    clearTimeout(timer.current);
    void persist();
  }, [persist]);

  const schedule = useCallback(() => {
    dirty.current = true;
    setSaved(false);
    clearTimeout(timer.current);
    timer.current = setTimeout(() => void persist(), SAVE_AFTER_MS);
  }, [persist]);

  const update = useCallback((changes: Partial<Draft> | ((current: Draft) => Partial<Draft>)) => {
    const change = typeof changes === "function" ? changes(latest.current) : changes;
    // An editor reporting the content it already has is no change (and must not count as the agent's).
    if (Object.entries(change).every(([key, value]) => latest.current[key as keyof Draft] === value)) return;
    const next = { ...latest.current, ...change };
    touched.current = true;
    latest.current = next;
    setDraft(next);
    schedule();
  }, [schedule]);

  /** Waits until the server has the draft as it is now (a send must not race a save that would bring it back). */
  const flush = useCallback(() => {
    clearTimeout(timer.current);
    return persist();
  }, [persist]);

  /** After a send: the server removed the draft with the message's creation. The next one starts in the same mode. */
  const sent = useCallback(() => {
    clearTimeout(timer.current);
    dirty.current = false;
    version.current = null;
    replace({ ...emptyDraft, mode: latest.current.mode });
  }, [replace]);

  const discard = useCallback(async () => {
    clearTimeout(timer.current);
    dirty.current = false;
    replace(emptyDraft);
    await queue.current;
    await client.draft.discard.mutate({ ticket_id: ticketId }).catch((failure) => {
      if (toApiError(failure).code !== "NOT_FOUND") setNotice(`The draft could not be discarded: ${toApiError(failure).message}`);
    });
    version.current = null;
  }, [client, ticketId, replace]);

  /** Puts a draft back into the composer (an undone send) and keeps it on the server. */
  const restore = useCallback((next: Draft) => {
    replace(next);
    schedule();
  }, [replace, schedule]);

  return { draft, ready, epoch, notice, saved, update, flush, sent, discard, restore };
}
