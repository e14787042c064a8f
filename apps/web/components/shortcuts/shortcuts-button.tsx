"use client";

import { Button } from "@/components/ui/button";
import { openShortcutSheet } from "./shortcut-keys";

/** The header's way to the `?` sheet for those who do not know the key yet (the narrow header's menu has its own). */
export function ShortcutsButton() {
  return (
    <span className="hidden sm:contents">
      <Button variant="ghost" onClick={openShortcutSheet} aria-label="Keyboard shortcuts" title="Keyboard shortcuts (?)">
        <span aria-hidden="true">?</span>
      </Button>
    </span>
  );
}
