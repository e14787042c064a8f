"use client";

import type { TRenderedMacro } from "@helpdesk/validators";
import * as Popover from "@radix-ui/react-popover";
import { useMutation, useQuery } from "@tanstack/react-query";
import { Command } from "cmdk";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { toApiError } from "@/lib/api-error";
import { useTRPC } from "@/lib/trpc";

/**
 * The "Macros" button and its list (a cmdk command list in a Radix popover): search by name, choose with Enter or a
 * click. The chosen macro is rendered for this ticket (placeholders filled by the server) and handed to the composer.
 */
export function MacroPicker({ ticketId, open, onOpenChange, onChosen, onClosed }: {
  ticketId: string;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  onChosen: (macro: TRenderedMacro) => void;
  /** The popover closed (chosen or dismissed): writing goes on in the editor. */
  onClosed: () => void;
}) {
  const trpc = useTRPC();
  const macros = useQuery({ ...trpc.macro.list.queryOptions(), enabled: open });
  const render = useMutation(trpc.macro.render.mutationOptions());
  const [error, setError] = useState<string | null>(null);

  function changeOpen(next: boolean) {
    setError(null);
    onOpenChange(next);
  }
  async function choose(macroId: string) {
    try {
      onChosen(await render.mutateAsync({ macro_id: macroId, ticket_id: ticketId }));
      changeOpen(false);
    } catch (failure) {
      setError(`The macro could not be used: ${toApiError(failure).message}`);
    }
  }

  const list = macros.data?.data;
  return (
    <Popover.Root open={open} onOpenChange={changeOpen}>
      <Popover.Trigger asChild>
        <Button variant="ghost" size="md" title="Or type / in an empty message">Macros</Button>
      </Popover.Trigger>
      <Popover.Portal>
        <Popover.Content
          align="start"
          sideOffset={6}
          aria-label="Macros"
          onCloseAutoFocus={(event) => { event.preventDefault(); onClosed(); }}
          className="z-30 w-80 max-w-[calc(100vw-2rem)] rounded-xl border border-slate-200 bg-white p-1 text-slate-900 shadow-lg dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100"
        >
          <Command label="Find a macro by name" loop>
            <Command.Input placeholder="Find a macro by name…" className="w-full rounded-lg border-0 bg-transparent px-2.5 py-2 text-sm outline-none placeholder:text-slate-500 dark:placeholder:text-slate-400" />
            <Command.List className="max-h-64 overflow-y-auto border-t border-slate-200 pt-1 dark:border-slate-700">
              {macros.isPending && <Command.Loading label="Loading macros"><p className="px-2.5 py-2 text-sm">Loading macros…</p></Command.Loading>}
              {list && (
                <Command.Empty className="px-2.5 py-2 text-sm text-slate-700 dark:text-slate-300">
                  {list.length === 0 ? "No macros yet: an admin adds them under Macros." : "No macro has that name."}
                </Command.Empty>
              )}
              {list?.map((macro) => (
                <Command.Item
                  key={macro.id}
                  value={macro.name}
                  disabled={render.isPending}
                  onSelect={() => void choose(macro.id)}
                  className="cursor-pointer rounded-md px-2.5 py-1.5 text-sm data-[disabled=true]:opacity-60 data-[selected=true]:bg-indigo-100 data-[selected=true]:text-indigo-950 dark:data-[selected=true]:bg-indigo-900 dark:data-[selected=true]:text-white"
                >
                  {macro.name}
                </Command.Item>
              ))}
            </Command.List>
          </Command>
          {macros.isError && <p role="alert" className="px-2.5 py-2 text-sm text-red-700 dark:text-red-300">The macros could not be loaded: {toApiError(macros.error).message}</p>}
          {error && <p role="alert" className="px-2.5 py-2 text-sm text-red-700 dark:text-red-300">{error}</p>}
        </Popover.Content>
      </Popover.Portal>
    </Popover.Root>
  );
}
