"use client";

import { useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { type FormEvent, useRef, useState } from "react";
import { toast } from "sonner";
import { useSessionUser } from "@/components/providers";
import { Button } from "@/components/ui/button";
import { Dialog, DialogClose, DialogContent, DialogTrigger } from "@/components/ui/dialog";
import { Field, Input, Textarea } from "@/components/ui/field";
import { Select, capitalized } from "@/components/ui/select";
import { toApiError } from "@/lib/api-error";
import { useTRPC } from "@/lib/trpc";
import { type FirstMessage, type NewTicket, type NewTicketErrors, NewTicketInvalid, useCreateTicket } from "./use-create-ticket";

const PRIORITIES = ["low", "normal", "high", "urgent"] as const;
const TYPES = ["question", "incident", "problem", "task"] as const;
const FIRST_MESSAGES: { value: FirstMessage; label: string; hint: string }[] = [
  { value: "request", label: "Customer's request", hint: "Logged on the customer's behalf (a call, a chat); no email is sent." },
  { value: "response", label: "Reply to the customer", hint: "You write first: it is emailed to the customer." },
];

const EMPTY: NewTicket = { requesterEmail: "", requesterName: "", subject: "", firstMessage: "request", text: "", priority: "normal", type: "question", assigneeId: "" };

/** "New ticket" for agents and admins: a dialog that creates the ticket and opens it. */
export function NewTicketDialog() {
  const user = useSessionUser();
  const [open, setOpen] = useState(false);
  if (user.role === "viewer") return null;
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button variant="primary">New ticket</Button>
      </DialogTrigger>
      <DialogContent title="New ticket" description="Open a ticket for a customer: log what they asked, or write to them first.">
        <NewTicketForm onDone={() => setOpen(false)} />
      </DialogContent>
    </Dialog>
  );
}

function NewTicketForm({ onDone }: { onDone: () => void }) {
  const trpc = useTRPC();
  const me = useSessionUser();
  const router = useRouter();
  const directory = useQuery(trpc.user.directory.queryOptions());
  const create = useCreateTicket();
  const [form, setForm] = useState<NewTicket>(EMPTY);
  const [errors, setErrors] = useState<NewTicketErrors>({});
  const formRef = useRef<HTMLFormElement>(null);
  const set = <K extends keyof NewTicket>(key: K) => (value: NewTicket[K]) => setForm((current) => ({ ...current, [key]: value }));

  function submit(event: FormEvent) {
    event.preventDefault();
    setErrors({});
    create.mutate(form, {
      onSuccess: ({ ticket, problem }) => {
        if (problem) toast.error(`The ticket was created, but: ${problem}`);
        else toast.success(form.firstMessage === "response" ? "Ticket created and reply sent" : "Ticket created");
        onDone();
        router.push(`/tickets/${ticket.id}`);
      },
      onError: (error) => {
        setErrors(error instanceof NewTicketInvalid ? error.errors : { form: toApiError(error).message });
        // The first field in error takes the focus, so the keyboard and screen reader land on what to fix.
        requestAnimationFrame(() => formRef.current?.querySelector<HTMLElement>("[aria-invalid=true]")?.focus());
      },
    });
  }

  const assignees = directory.data?.filter((user) => user.role !== "viewer" && user.id !== me.id) ?? [];
  return (
    <form ref={formRef} noValidate onSubmit={submit} className="space-y-3">
      <div className="grid gap-3 sm:grid-cols-2">
        <Field label="Requester email" error={errors.requesterEmail}>
          {(control) => <Input {...control} type="email" autoComplete="off" value={form.requesterEmail} onChange={(event) => set("requesterEmail")(event.target.value)} />}
        </Field>
        <Field label="Requester name" error={errors.requesterName}>
          {(control) => <Input {...control} autoComplete="off" value={form.requesterName} onChange={(event) => set("requesterName")(event.target.value)} />}
        </Field>
      </div>
      <Field label="Subject" error={errors.subject}>
        {(control) => <Input {...control} value={form.subject} onChange={(event) => set("subject")(event.target.value)} />}
      </Field>
      <fieldset>
        <legend className="text-sm font-medium">First message</legend>
        <div className="mt-1 grid gap-2 sm:grid-cols-2">
          {FIRST_MESSAGES.map((option) => (
            <label key={option.value} className="flex cursor-pointer gap-2 rounded-lg border border-slate-300 p-2 text-sm has-[:checked]:border-indigo-500 has-[:checked]:bg-indigo-50 dark:border-slate-700 dark:has-[:checked]:border-indigo-400 dark:has-[:checked]:bg-indigo-950/50">
              <input type="radio" name="first-message" value={option.value} checked={form.firstMessage === option.value} onChange={() => set("firstMessage")(option.value)} className="mt-0.5" />
              <span>
                <span className="block font-medium">{option.label}</span>
                <span className="block text-xs text-slate-600 dark:text-slate-400">{option.hint}</span>
              </span>
            </label>
          ))}
        </div>
      </fieldset>
      <Field label="Message" error={errors.text}>
        {(control) => <Textarea {...control} rows={5} value={form.text} onChange={(event) => set("text")(event.target.value)} />}
      </Field>
      <div className="grid gap-3 sm:grid-cols-3">
        <Field label="Priority">
          {(control) => (
            <Select {...control} className="w-full" value={form.priority} onChange={(event) => set("priority")(event.target.value as NewTicket["priority"])}>
              {PRIORITIES.map((value) => <option key={value} value={value}>{capitalized(value)}</option>)}
            </Select>
          )}
        </Field>
        <Field label="Type">
          {(control) => (
            <Select {...control} className="w-full" value={form.type} onChange={(event) => set("type")(event.target.value as NewTicket["type"])}>
              {TYPES.map((value) => <option key={value} value={value}>{capitalized(value)}</option>)}
            </Select>
          )}
        </Field>
        <Field label="Assignee">
          {(control) => (
            <Select {...control} className="w-full" value={form.assigneeId} onChange={(event) => set("assigneeId")(event.target.value)}>
              <option value="">Unassigned</option>
              <option value={me.id}>Me ({me.name})</option>
              {assignees.map((user) => <option key={user.id} value={user.id}>{user.name}</option>)}
            </Select>
          )}
        </Field>
      </div>
      {errors.form && <p role="alert" className="text-sm text-red-700 dark:text-red-300">{errors.form}</p>}
      <div className="flex justify-end gap-2 pt-1">
        <DialogClose asChild>
          <Button>Cancel</Button>
        </DialogClose>
        <Button type="submit" variant="primary" disabled={create.isPending}>
          {create.isPending ? "Creating…" : form.firstMessage === "response" ? "Create and send" : "Create ticket"}
        </Button>
      </div>
    </form>
  );
}
