"use client";

import type { TMacro } from "@helpdesk/validators";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Dialog, DialogClose, DialogContent, DialogTrigger } from "@/components/ui/dialog";
import { capitalized } from "@/components/ui/select";
import { toApiError } from "@/lib/api-error";
import { useTRPC } from "@/lib/trpc";
import { MacroForm } from "./macro-form";

/** The admins' page of canned replies (CONTRACT §13): agents insert them from the composer by name. */
export function MacrosView() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const macros = useQuery(trpc.macro.list.queryOptions());
  const refresh = () => void queryClient.invalidateQueries({ queryKey: trpc.macro.pathKey() });
  return (
    <div className="mx-auto max-w-5xl space-y-6 px-4 py-6 sm:px-6">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">Macros</h1>
          <p className="mt-1 max-w-2xl text-sm text-slate-700 dark:text-slate-300">
            Canned replies agents insert from the composer (the Macros button, or / in an empty message). Placeholders are
            filled from the ticket and the agent; a macro may also set the ticket&apos;s status, priority and type and add tags
            when the reply is sent.
          </p>
        </div>
        <MacroDialog onDone={refresh} />
      </div>
      <section aria-label="Macros" className="space-y-3">
        {macros.isError && <p role="alert" className="text-sm">{toApiError(macros.error).message}</p>}
        {macros.data?.data.length === 0 && <p className="text-sm text-slate-700 dark:text-slate-300">No macros yet.</p>}
        {macros.data?.data.map((macro) => <MacroCard key={macro.id} macro={macro} onChanged={refresh} />)}
      </section>
    </div>
  );
}

/** "New macro", or "Edit" on a macro's card: the form in a dialog. */
function MacroDialog({ macro, onDone }: { macro?: TMacro; onDone: () => void }) {
  const [open, setOpen] = useState(false);
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        {macro ? <Button size="sm" aria-label={`Edit ${macro.name}`}>Edit</Button> : <Button variant="primary">New macro</Button>}
      </DialogTrigger>
      <DialogContent title={macro ? `Edit ${macro.name}` : "New macro"} className="max-w-2xl">
        <MacroForm macro={macro} onDone={() => { setOpen(false); onDone(); }} />
      </DialogContent>
    </Dialog>
  );
}

/** What a macro does besides its text, in words: "Sets status Pending, priority High · adds tags billing, refund". */
function effectsOf(macro: TMacro): string {
  const { status, priority, type } = macro.ticketUpdate;
  const sets = [status && `status ${capitalized(status)}`, priority && `priority ${capitalized(priority)}`, type && `type ${capitalized(type)}`].filter(Boolean);
  const tags = [...new Set([...(macro.ticketUpdate.add_tags ?? []), ...macro.addTags])];
  return [sets.length ? `Sets ${sets.join(", ")}` : "", tags.length ? `adds tags ${tags.join(", ")}` : ""].filter(Boolean).join(" · ");
}

/** The text of the macro's HTML, for a preview that loads nothing (no images) and runs nothing. */
const textOf = (html: string) => new DOMParser().parseFromString(html, "text/html").body.textContent ?? "";

function MacroCard({ macro, onChanged }: { macro: TMacro; onChanged: () => void }) {
  const effects = effectsOf(macro);
  return (
    <article aria-label={macro.name} data-testid="macro-card" className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm dark:border-slate-800 dark:bg-slate-900">
      <div className="flex flex-wrap items-start justify-between gap-2">
        <h2 className="font-semibold">{macro.name}</h2>
        <div className="flex gap-2">
          <MacroDialog macro={macro} onDone={onChanged} />
          <DeleteMacro macro={macro} onDeleted={onChanged} />
        </div>
      </div>
      <p className="mt-1 line-clamp-2 text-sm text-slate-700 dark:text-slate-300">{textOf(macro.content)}</p>
      {effects && <p className="mt-2 text-xs text-slate-600 dark:text-slate-400">{effects}</p>}
    </article>
  );
}

function DeleteMacro({ macro, onDeleted }: { macro: TMacro; onDeleted: () => void }) {
  const trpc = useTRPC();
  const [open, setOpen] = useState(false);
  const remove = useMutation(
    trpc.macro.delete.mutationOptions({
      onSuccess: () => { toast.success(`${macro.name} deleted`); setOpen(false); onDeleted(); },
      onError: (failure) => toast.error(toApiError(failure).message),
    }),
  );
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button size="sm" variant="danger" aria-label={`Delete ${macro.name}`}>Delete</Button>
      </DialogTrigger>
      <DialogContent title={`Delete ${macro.name}?`} description="Agents can no longer insert it. Replies already sent with it stay as they are.">
        <div className="flex justify-end gap-2">
          <DialogClose asChild>
            <Button>Cancel</Button>
          </DialogClose>
          <Button variant="danger" disabled={remove.isPending} onClick={() => remove.mutate({ macro_id: macro.id })}>Delete macro</Button>
        </div>
      </DialogContent>
    </Dialog>
  );
}
