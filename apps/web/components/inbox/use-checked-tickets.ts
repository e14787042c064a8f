"use client";

import { useCallback, useMemo, useRef, useState } from "react";

/**
 * Which rows of the page are checked for a bulk action. Ids, not indexes, so a live refresh that reorders the page
 * keeps the same tickets checked; ids no longer on the page drop out (the selection is "on this page").
 */
export function useCheckedTickets(pageIds: string[]) {
  const [checkedIds, setCheckedIds] = useState<ReadonlySet<string>>(new Set());
  // The last row toggled by itself: a shift-click checks or unchecks the range from it.
  const anchor = useRef<string | null>(null);

  const checked = useMemo(() => pageIds.filter((id) => checkedIds.has(id)), [pageIds, checkedIds]);

  /** Toggles row `index`; with `range`, every row from the anchor to it takes the state the clicked row goes to. */
  const toggle = useCallback(
    (index: number, range = false) => {
      const id = pageIds[index];
      if (!id) return;
      const anchorIndex = anchor.current ? pageIds.indexOf(anchor.current) : -1;
      const [from, to] = range && anchorIndex >= 0 ? [Math.min(anchorIndex, index), Math.max(anchorIndex, index)] : [index, index];
      setCheckedIds((current) => {
        const next = new Set([...current].filter((known) => pageIds.includes(known)));
        const checking = !current.has(id);
        for (const rowId of pageIds.slice(from, to + 1)) {
          if (checking) next.add(rowId);
          else next.delete(rowId);
        }
        return next;
      });
      anchor.current = id;
    },
    [pageIds],
  );

  const setAll = useCallback((all: boolean) => setCheckedIds(new Set(all ? pageIds : [])), [pageIds]);
  const clear = useCallback(() => setAll(false), [setAll]);

  return { checked, isChecked: (id: string) => checkedIds.has(id), toggle, setAll, clear };
}
