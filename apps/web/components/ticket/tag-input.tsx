"use client";

import { useId, useState, type KeyboardEvent } from "react";

/** The ticket's tags as removable chips: Enter (or a comma) adds what was typed and saves at once; × removes and saves. */
export function TagInput({ tags, onSave }: { tags: string[]; onSave: (tags: string[]) => void }) {
  const id = useId();
  const [text, setText] = useState("");

  function add() {
    const typed = text.split(",").map((tag) => tag.trim()).filter(Boolean);
    setText("");
    const next = [...new Set([...tags, ...typed])];
    if (next.length !== tags.length) onSave(next);
  }
  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === "Enter" || event.key === ",") {
      event.preventDefault();
      add();
    }
  }
  return (
    <div>
      <label htmlFor={id} className="font-medium">Tags</label>
      <div className="mt-1 flex flex-wrap items-center gap-1 rounded-lg border border-slate-300 bg-white px-2 py-1 dark:border-slate-700 dark:bg-slate-900">
        {tags.map((tag) => (
          <span key={tag} data-testid="tag" className="inline-flex items-center gap-1 rounded-full bg-slate-100 px-2 py-0.5 text-xs dark:bg-slate-800">
            {tag}
            <button type="button" aria-label={`Remove tag ${tag}`} onClick={() => onSave(tags.filter((other) => other !== tag))} className="text-slate-500 hover:text-slate-900 dark:hover:text-white">×</button>
          </span>
        ))}
        <input id={id} value={text} onChange={(event) => setText(event.target.value)} onKeyDown={onKeyDown} placeholder={tags.length ? "Add a tag" : "billing, refund"} className="min-w-24 flex-1 bg-transparent py-0.5 text-sm outline-none" />
      </div>
    </div>
  );
}
