"use client";

import { useMutation } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { CONTROL_CLASS } from "@/components/ui/field";
import { toApiError } from "@/lib/api-error";
import { useTRPC } from "@/lib/trpc";
import { type BulkChanges, bulkOutcome, describeChanges, parseTags } from "./bulk-changes";
import { BulkMenu } from "./bulk-menu";

/**
 * Above the inbox's rows, for agents: "select all on this page", and once rows are checked the changes to make (the
 * menu), the pending ones, and Apply, which sends them as one bulk request and says what happened.
 */
export function BulkBar({ pageCount, checkedIds, onCheckAll, meId, assignees, nameOf, onApplied }: {
  pageCount: number;
  checkedIds: string[];
  onCheckAll: (all: boolean) => void;
  meId: string;
  assignees: { id: string; name: string }[];
  nameOf: (userId: string) => string;
  /** After a request that changed anything: clear the selection, refresh the list. */
  onApplied: () => void;
}) {
  const trpc = useTRPC();
  const [changes, setChanges] = useState<BulkChanges>({});
  const [tagsShown, setTagsShown] = useState(false);
  const [tagsText, setTagsText] = useState("");
  const tagsField = useRef<HTMLInputElement>(null);
  const allBox = useRef<HTMLInputElement>(null);
  const count = checkedIds.length;
  const all = pageCount > 0 && count === pageCount;
  useEffect(() => {
    if (allBox.current) allBox.current.indeterminate = count > 0 && !all;
  }, [count, all]);
  useEffect(() => {
    if (tagsShown) tagsField.current?.focus();
  }, [tagsShown]);

  const addTags = parseTags(tagsText);
  const toSend: BulkChanges = { ...changes, ...(addTags.length ? { add_tags: addTags } : {}) };
  const pending = describeChanges(toSend, nameOf);
  function forget(field: keyof BulkChanges) {
    if (field === "add_tags") {
      setTagsText("");
      setTagsShown(false);
    }
    setChanges(({ [field]: _, ...rest }) => rest);
  }

  const apply = useMutation(
    trpc.ticket.bulkUpdate.mutationOptions({
      onSuccess: (result) => {
        const message = bulkOutcome(result);
        if (result.refused.length) toast.warning(message, { duration: 10_000 });
        else toast.success(message);
        setChanges({});
        setTagsText("");
        setTagsShown(false);
        onApplied();
      },
      onError: (error) => {
        const problem = toApiError(error);
        toast.error(Object.values(problem.fields)[0]?.[0] ?? problem.message);
      },
    }),
  );

  return (
    <section aria-label="Bulk actions" className="flex min-h-12 flex-wrap items-center gap-2 border-b border-slate-200 px-4 py-2 dark:border-slate-800">
      <input
        ref={allBox}
        type="checkbox"
        aria-label="Select all on this page"
        checked={all}
        disabled={pageCount === 0}
        onChange={() => onCheckAll(!all)}
        className="size-4 accent-indigo-600"
      />
      <span role="status" className="text-sm text-slate-700 dark:text-slate-300">
        {count === 0 ? "Select tickets to change several at once" : `${count} selected`}
      </span>
      {count > 0 && (
        <>
          <BulkMenu changes={changes} meId={meId} assignees={assignees} onChange={setChanges} onAddTags={() => setTagsShown(true)} />
          {tagsShown && (
            <>
              <label htmlFor="bulk-tags" className="sr-only">Tags to add, separated by commas</label>
              <input
                id="bulk-tags"
                ref={tagsField}
                value={tagsText}
                onChange={(event) => setTagsText(event.target.value)}
                placeholder="Tags to add, comma-separated"
                className={`${CONTROL_CLASS} w-56`}
              />
            </>
          )}
          <ul aria-label="Changes to apply" className="flex flex-wrap gap-1.5">
            {pending.map(({ field, label }) => (
              <li key={field} className="inline-flex items-center gap-1 rounded-full bg-indigo-50 py-0.5 pr-1 pl-2.5 text-xs text-indigo-900 dark:bg-indigo-950 dark:text-indigo-100">
                {label}
                <button type="button" aria-label={`Remove ${label}`} onClick={() => forget(field)} className="rounded-full px-1 hover:bg-indigo-100 dark:hover:bg-indigo-900">
                  ×
                </button>
              </li>
            ))}
          </ul>
          <span className="ml-auto flex gap-2">
            <Button variant="ghost" size="sm" onClick={() => onCheckAll(false)}>Clear selection</Button>
            <Button
              variant="primary"
              size="sm"
              disabled={pending.length === 0 || apply.isPending}
              onClick={() => apply.mutate({ ticket_ids: checkedIds, changes: toSend })}
            >
              {apply.isPending ? "Applying…" : `Apply to ${count} ticket${count === 1 ? "" : "s"}`}
            </Button>
          </span>
        </>
      )}
    </section>
  );
}
