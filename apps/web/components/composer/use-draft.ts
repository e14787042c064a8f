"use client";

import type { TEmailAddress } from "@helpdesk/validators";
import { useEffect, useState } from "react";
import type { UploadedFile } from "./attachments";

export type ComposerMode = "reply" | "note" | "forward";

export interface Draft {
  html: string;
  ccs: TEmailAddress[];
  recipients: TEmailAddress[];
  files: UploadedFile[];
  sendEmail: boolean;
  /** Sent as the message's idempotency key: a retry or a double click of this draft can only post once. */
  key: string;
}

const emptyDraft = (): Draft => ({ html: "", ccs: [], recipients: [], files: [], sendEmail: true, key: crypto.randomUUID() });

/** A draft per ticket and mode, kept in this browser so it survives a reload. */
export function useDraft(ticketId: string, mode: ComposerMode) {
  const storageKey = `helpdesk:draft:${ticketId}:${mode}`;
  const [draft, setDraft] = useState<Draft>(emptyDraft);
  const [loadedKey, setLoadedKey] = useState<string | null>(null);
  useEffect(() => {
    try {
      const saved = localStorage.getItem(storageKey);
      setDraft(saved ? { ...emptyDraft(), ...JSON.parse(saved) } : emptyDraft());
    } catch {
      setDraft(emptyDraft());
    }
    setLoadedKey(storageKey);
  }, [storageKey]);
  useEffect(() => {
    if (loadedKey === storageKey) localStorage.setItem(storageKey, JSON.stringify(draft));
  }, [draft, loadedKey, storageKey]);
  const update = (changes: Partial<Draft> | ((current: Draft) => Partial<Draft>)) =>
    setDraft((current) => ({ ...current, ...(typeof changes === "function" ? changes(current) : changes) }));
  const clear = () => setDraft(emptyDraft());
  return { draft, update, clear, ready: loadedKey === storageKey };
}
