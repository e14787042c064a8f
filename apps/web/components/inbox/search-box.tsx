"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { CONTROL_CLASS } from "@/components/ui/field";
import type { InboxFilterChange } from "./inbox-filters";

const TYPING_PAUSE_MS = 250;

/**
 * The inbox's search text, written to the URL once typing pauses (or the box loses the focus, so a click elsewhere
 * never races a late write). Starting or clearing a search is a new history entry (Back returns to the list as it
 * was); refining the words replaces the entry, so Back does not replay each keystroke.
 */
export function SearchBox({ id, q, onSearch }: { id: string; q: string; onSearch: (change: InboxFilterChange, options: { replace: boolean }) => void }) {
  const [text, setText] = useState(q);
  const written = useRef(q);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  // Back, Forward or a queue link changed the URL: show its words.
  useEffect(() => {
    if (q === written.current) return;
    written.current = q;
    setText(q);
  }, [q]);

  const write = useCallback(() => {
    clearTimeout(timer.current);
    const words = text.trim();
    if (words === written.current) return;
    const refining = words !== "" && written.current !== "";
    written.current = words;
    // A search covers every assignee: the assignee filter does not apply to it.
    onSearch({ q: words, assignee_id: undefined }, { replace: refining });
  }, [text, onSearch]);
  useEffect(() => {
    timer.current = setTimeout(write, TYPING_PAUSE_MS);
    return () => clearTimeout(timer.current);
  }, [write]);

  return (
    <label className="block text-sm">
      <span className="sr-only">Search tickets</span>
      <input
        id={id}
        type="search"
        value={text}
        placeholder="Search tickets and messages  ( / )"
        onChange={(event) => setText(event.target.value)}
        onBlur={write}
        className={`${CONTROL_CLASS} w-full sm:w-80`}
      />
    </label>
  );
}
