"use client";

import { useEffect, useState } from "react";
import { isForFocusedElement } from "@/components/shortcuts/shortcut-keys";

/** j/k to move, Enter to open, `/` to focus search, `x` to check the row (onToggle) — ignored while typing in a field. */
export function useKeyboardList(count: number, { onOpen, onToggle, searchId }: { onOpen: (index: number) => void; onToggle?: (index: number) => void; searchId: string }) {
  const [selected, setSelected] = useState(0);
  useEffect(() => setSelected((index) => Math.min(index, Math.max(count - 1, 0))), [count]);
  useEffect(() => {
    function onKey(event: KeyboardEvent) {
      // Not while typing, nor in an open dialog or menu (Enter on the shortcut sheet's Close must not open a ticket).
      if (isForFocusedElement(event)) return;
      if (event.key === "j") setSelected((index) => Math.min(index + 1, count - 1));
      else if (event.key === "k") setSelected((index) => Math.max(index - 1, 0));
      else if (event.key === "Enter" && count > 0) onOpen(selected);
      else if (event.key === "/") document.getElementById(searchId)?.focus();
      else if (event.key === "x" && onToggle && count > 0) onToggle(selected);
      else return;
      event.preventDefault();
    }
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [count, onOpen, onToggle, searchId, selected]);
  return [selected, setSelected] as const;
}
