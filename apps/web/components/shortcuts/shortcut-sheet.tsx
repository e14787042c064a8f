"use client";

import { useEffect, useState } from "react";
import { Dialog, DialogContent } from "@/components/ui/dialog";
import { isForFocusedElement, onOpenShortcutSheet, SHORTCUT_GROUPS } from "./shortcut-keys";

/** `?` anywhere in the console (outside a field) lists every keyboard shortcut; Esc closes it. */
export function ShortcutSheet() {
  const [open, setOpen] = useState(false);
  useEffect(() => {
    function onKey(event: KeyboardEvent) {
      if (event.key !== "?" || event.defaultPrevented || isForFocusedElement(event)) return;
      event.preventDefault();
      setOpen(true);
    }
    window.addEventListener("keydown", onKey);
    const stopListening = onOpenShortcutSheet(() => setOpen(true));
    return () => {
      window.removeEventListener("keydown", onKey);
      stopListening();
    };
  }, []);
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogContent title="Keyboard shortcuts" description="Single keys work when the cursor is not in a text field." className="max-w-md">
        <div className="space-y-5">
          {SHORTCUT_GROUPS.map((group) => (
            <section key={group.id} aria-labelledby={`shortcuts-${group.id}`}>
              <h3 id={`shortcuts-${group.id}`} className="mb-2 text-xs font-semibold tracking-wide text-slate-600 uppercase dark:text-slate-400">
                {group.title}
              </h3>
              <dl className="divide-y divide-slate-100 text-sm dark:divide-slate-800">
                {group.shortcuts.map((shortcut) => (
                  <div key={shortcut.does} className="flex items-center justify-between gap-4 py-1.5">
                    <dt className="flex gap-1">
                      {shortcut.keys.map((key) => (
                        <kbd key={key} className="min-w-7 rounded border border-slate-300 bg-slate-50 px-1.5 py-0.5 text-center font-mono text-xs text-slate-800 dark:border-slate-600 dark:bg-slate-800 dark:text-slate-100">
                          {key}
                        </kbd>
                      ))}
                    </dt>
                    <dd className="text-right text-slate-700 dark:text-slate-300">{shortcut.does}</dd>
                  </div>
                ))}
              </dl>
            </section>
          ))}
        </div>
      </DialogContent>
    </Dialog>
  );
}
