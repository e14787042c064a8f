"use client";

import {
  MACRO_PLACEHOLDERS, type TCreateMacroBody, type TMacro, type TMacroPlaceholder, type TTicketPriority, type TTicketType, ZTicketPriority, ZTicketType,
} from "@helpdesk/validators";
import { useMutation } from "@tanstack/react-query";
import type { Editor } from "@tiptap/react";
import dynamic from "next/dynamic";
import { type FormEvent, useRef, useState } from "react";
import { toast } from "sonner";
import type { StatusChoice } from "@/components/composer/ticket-update";
import { TagInput } from "@/components/ticket/tag-input";
import { Button } from "@/components/ui/button";
import { DialogClose } from "@/components/ui/dialog";
import { Field, Input } from "@/components/ui/field";
import { Select, capitalized } from "@/components/ui/select";
import { toApiError } from "@/lib/api-error";
import { useTRPC } from "@/lib/trpc";

// The composer's editor (ProseMirror), loaded with the form rather than with the page.
const RichTextEditor = dynamic(() => import("@/components/composer/rich-text-editor").then((module) => module.RichTextEditor), {
  ssr: false,
  loading: () => <div className="h-[10.5rem] rounded-lg border border-slate-300 dark:border-slate-700" aria-hidden />,
});

// The statuses the composer's "and set" offers: a macro sets what an agent could.
const STATUSES: Exclude<StatusChoice, "">[] = ["open", "pending", "resolved"];
const PLACEHOLDER_LABELS: Record<TMacroPlaceholder, string> = {
  "ticket.requester_name": "Requester name",
  "ticket.id": "Ticket ID",
  "agent.name": "Agent name",
};

interface Values {
  name: string;
  content: string;
  status: StatusChoice;
  priority: "" | TTicketPriority;
  type: "" | TTicketType;
  addTags: string[];
}

function valuesOf(macro: TMacro | undefined): Values {
  const update = macro?.ticketUpdate;
  const status = update?.status;
  return {
    name: macro?.name ?? "",
    content: macro?.content ?? "",
    status: status === "open" || status === "pending" || status === "resolved" ? status : "",
    priority: update?.priority ?? "",
    type: update?.type ?? "",
    addTags: macro?.addTags ?? [],
  };
}

const bodyOf = (values: Values): TCreateMacroBody => ({
  name: values.name,
  content: values.content,
  ticket_update: {
    ...(values.status ? { status: values.status } : {}),
    ...(values.priority ? { priority: values.priority } : {}),
    ...(values.type ? { type: values.type } : {}),
  },
  add_tags: values.addTags,
});

/** Creating or editing a macro: its name, its text (with placeholders) and the fields it sets when the reply is sent. */
export function MacroForm({ macro, onDone }: { macro?: TMacro; onDone: () => void }) {
  const trpc = useTRPC();
  const [values, setValues] = useState<Values>(() => valuesOf(macro));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const editor = useRef<Editor | null>(null);
  const set = <K extends keyof Values>(key: K, value: Values[K]) => setValues((current) => ({ ...current, [key]: value }));
  const callbacks = {
    onSuccess: (saved: TMacro) => { toast.success(macro ? `${saved.name} saved` : `${saved.name} created`); onDone(); },
    onError: (failure: unknown) => {
      const error = toApiError(failure);
      const atFields = Object.fromEntries(Object.entries(error.fields).map(([field, messages]) => [field.split(".")[0] ?? field, messages.join(" ")]));
      setErrors(error.code === "CONFLICT" ? { name: "A macro with this name already exists." } : Object.keys(atFields).length ? atFields : { form: error.message });
    },
  };
  const create = useMutation(trpc.macro.create.mutationOptions(callbacks));
  const update = useMutation(trpc.macro.update.mutationOptions(callbacks));
  const pending = create.isPending || update.isPending;

  function submit(event?: FormEvent) {
    event?.preventDefault();
    setErrors({});
    if (macro) update.mutate({ macro_id: macro.id, ...bodyOf(values) });
    else create.mutate(bodyOf(values));
  }

  return (
    <form noValidate onSubmit={submit} className="space-y-3">
      <Field label="Name" error={errors.name}>
        {(control) => <Input {...control} autoComplete="off" value={values.name} onChange={(event) => set("name", event.target.value)} placeholder="Refund confirmed" />}
      </Field>
      <div>
        <p className="text-sm font-medium">Reply text</p>
        <div className="mt-1">
          <RichTextEditor html={values.content} label="Reply text" placeholder="Hello {{ticket.requester_name}}, …" invalid={Boolean(errors.content)}
            onChange={(html, isEmpty) => set("content", isEmpty ? "" : html)} onSubmit={() => submit()} onReady={(instance) => { editor.current = instance; }} />
        </div>
        {errors.content && <p className="mt-1 text-xs text-red-700 dark:text-red-300">{errors.content}</p>}
        <div className="mt-1.5 flex flex-wrap items-center gap-1 text-xs text-slate-700 dark:text-slate-300">
          Insert:
          {MACRO_PLACEHOLDERS.map((placeholder) => (
            <Button key={placeholder} size="sm" variant="ghost" title={`{{${placeholder}}}`} onClick={() => editor.current?.chain().focus().insertContent(`{{${placeholder}}}`).run()}>
              {PLACEHOLDER_LABELS[placeholder]}
            </Button>
          ))}
        </div>
      </div>
      <fieldset className="space-y-3 rounded-lg border border-slate-200 p-3 dark:border-slate-700">
        <legend className="px-1 text-sm font-medium">When the reply is sent, also</legend>
        <div className="grid gap-3 sm:grid-cols-3">
          <Field label="Status" error={errors.ticket_update}>
            {(control) => (
              <Select {...control} className="w-full" value={values.status} onChange={(event) => set("status", event.target.value as StatusChoice)}>
                <option value="">Leave as is</option>
                {STATUSES.map((value) => <option key={value} value={value}>{capitalized(value)}</option>)}
              </Select>
            )}
          </Field>
          <Field label="Priority">
            {(control) => (
              <Select {...control} className="w-full" value={values.priority} onChange={(event) => set("priority", event.target.value as Values["priority"])}>
                <option value="">Leave as is</option>
                {ZTicketPriority.options.map((value) => <option key={value} value={value}>{capitalized(value)}</option>)}
              </Select>
            )}
          </Field>
          <Field label="Type">
            {(control) => (
              <Select {...control} className="w-full" value={values.type} onChange={(event) => set("type", event.target.value as Values["type"])}>
                <option value="">Leave as is</option>
                {ZTicketType.options.map((value) => <option key={value} value={value}>{capitalized(value)}</option>)}
              </Select>
            )}
          </Field>
        </div>
        <div className="text-sm">
          <TagInput tags={values.addTags} onSave={(tags) => set("addTags", tags)} />
          <p className="mt-1 text-xs text-slate-600 dark:text-slate-400">Added to the ticket&apos;s tags; the ones it has stay.</p>
          {errors.add_tags && <p className="mt-1 text-xs text-red-700 dark:text-red-300">{errors.add_tags}</p>}
        </div>
      </fieldset>
      {errors.form && <p role="alert" className="text-sm text-red-700 dark:text-red-300">{errors.form}</p>}
      <div className="flex justify-end gap-2 pt-1">
        <DialogClose asChild>
          <Button>Cancel</Button>
        </DialogClose>
        <Button type="submit" variant="primary" disabled={pending}>{pending ? "Saving…" : macro ? "Save macro" : "Create macro"}</Button>
      </div>
    </form>
  );
}
