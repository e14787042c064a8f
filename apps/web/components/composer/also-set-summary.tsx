import type { ReactNode } from "react";
import { capitalized } from "@/components/ui/select";
import type { AlsoSet } from "./ticket-update";

function Chip({ label, onRemove, children }: { label: string; onRemove: () => void; children: ReactNode }) {
  return (
    <span className="inline-flex items-center gap-1 rounded-full bg-slate-100 px-2 py-0.5 dark:bg-slate-800">
      {children}
      <button type="button" aria-label={`Do not ${label}`} onClick={onRemove} className="rounded-full px-0.5 text-slate-600 hover:text-slate-900 focus:outline-none focus-visible:ring-2 focus-visible:ring-indigo-500 dark:text-slate-400 dark:hover:text-white">
        <span aria-hidden="true">×</span>
      </button>
    </span>
  );
}

/**
 * What the send will also change besides the status (a macro's priority, type and tags), each removable:
 * "Will also set priority High, add tags billing, refund".
 */
export function AlsoSetSummary({ alsoSet, onChange }: { alsoSet: AlsoSet; onChange: (alsoSet: AlsoSet) => void }) {
  const { priority, type, addTags } = alsoSet;
  if (!priority && !type && addTags.length === 0) return null;
  return (
    <p data-testid="also-set" className="flex flex-wrap items-center gap-1 text-xs text-slate-700 dark:text-slate-300">
      Will also set
      {priority && <Chip label={`set priority ${capitalized(priority)}`} onRemove={() => onChange({ ...alsoSet, priority: undefined })}>priority {capitalized(priority)}</Chip>}
      {priority && type && ", "}
      {type && <Chip label={`set type ${capitalized(type)}`} onRemove={() => onChange({ ...alsoSet, type: undefined })}>type {capitalized(type)}</Chip>}
      {(priority || type) && addTags.length > 0 && ", "}
      {addTags.length > 0 && "add tags"}
      {addTags.map((tag) => (
        <Chip key={tag} label={`add tag ${tag}`} onRemove={() => onChange({ ...alsoSet, addTags: addTags.filter((other) => other !== tag) })}>{tag}</Chip>
      ))}
    </p>
  );
}
