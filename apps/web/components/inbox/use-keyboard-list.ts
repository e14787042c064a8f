"use client";

import { useEffect, useState } from "react";

/** j/k to move, Enter to open, `/` to focus search — ignored while typing in a field. */
export function useKeyboardList(count: number, { onOpen, searchId }: { onOpen: (index: number) => void; searchId: string }) {
  const [selected, setSelected] = useState(0);
  useEffect(() => setSelected((index) => Math.min(index, Math.max(count - 1, 0))), [count]);
  useEffect(() => {
    function onKey(event: KeyboardEvent) {
      const target = event.target as HTMLElement;
      if (target.closest("input, textarea, select, [contenteditable=true]") || event.metaKey || event.ctrlKey || event.altKey) return;
      if (event.key === "j") setSelected((index) => Math.min(index + 1, count - 1));
      else if (event.key === "k") setSelected((index) => Math.max(index - 1, 0));
      else if (event.key === "Enter" && count > 0) onOpen(selected);
      else if (event.key === "/") document.getElementById(searchId)?.focus();
      else return;
      event.preventDefault();
    }
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [count, onOpen, searchId, selected]);
  return [selected, setSelected] as const;
}
