"use client";

import { WEBHOOK_EVENTS, type TCreatedWebhook } from "@helpdesk/validators";
import { useMutation } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";
import { toApiError, type ApiError } from "@/lib/api-error";
import { useTRPC } from "@/lib/trpc";
import { checkedEvents, EventChoices } from "./event-choices";

/** Registers an endpoint; the answer carries the signing secret, which the page shows once. */
export function CreateWebhookForm({ onCreated }: { onCreated: (webhook: TCreatedWebhook) => void }) {
  const trpc = useTRPC();
  const [error, setError] = useState<ApiError | null>(null);
  const create = useMutation(
    trpc.webhook.create.mutationOptions({
      onSuccess: (webhook) => { setError(null); onCreated(webhook); },
      onError: (failure) => setError(toApiError(failure)),
    }),
  );
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    create.mutate({ url: String(form.get("url")), events: checkedEvents(form), active: true }, { onSuccess: () => formElement.reset() });
  }
  const fieldError = (field: string) => error?.fields[field]?.join(" ");
  return (
    <form onSubmit={submit} aria-label="Add an endpoint" className="space-y-3 rounded-xl border border-slate-200 bg-white p-4 shadow-sm dark:border-slate-800 dark:bg-slate-900">
      <h2 className="text-base font-semibold">Add an endpoint</h2>
      <Field label="Endpoint URL" error={fieldError("url")}>
        {(control) => <Input {...control} name="url" type="url" required placeholder="https://example.com/hooks/helpdesk" />}
      </Field>
      <EventChoices legend="Events" defaultValue={WEBHOOK_EVENTS} error={fieldError("events")} />
      {error && Object.keys(error.fields).length === 0 && <p role="alert" className="text-sm text-red-700 dark:text-red-300">{error.message}</p>}
      <Button type="submit" variant="primary" disabled={create.isPending}>Add endpoint</Button>
    </form>
  );
}
