"use client";

import { useEffect, useRef } from "react";
import { isForFocusedElement } from "@/components/shortcuts/shortcut-keys";
import type { ComposerMode } from "./use-draft";

/** The ticket page's keys for the composer (the `?` sheet lists them): r Reply, n Internal note, f Forward. */
const MODE_KEYS: Record<string, ComposerMode> = { r: "reply", n: "note", f: "forward" };

/** Calls `onMode` for r, n or f pressed outside any field, dialog or menu; the key is then not typed anywhere. */
export function useModeShortcuts(onMode: (mode: ComposerMode) => void) {
  const handler = useRef(onMode);
  handler.current = onMode;
  useEffect(() => {
    function onKey(event: KeyboardEvent) {
      const mode = MODE_KEYS[event.key];
      if (!mode || event.defaultPrevented || event.repeat || isForFocusedElement(event)) return;
      event.preventDefault();
      handler.current(mode);
    }
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);
}
