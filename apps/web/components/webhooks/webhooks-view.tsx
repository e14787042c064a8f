"use client";

import type { TCreatedWebhook } from "@helpdesk/validators";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "@/lib/trpc";
import { CreateWebhookForm } from "./create-webhook-form";
import { SecretNotice } from "./secret-notice";
import { WebhookCard } from "./webhook-card";

/** The admins' page: endpoints other systems hear events on, each with its delivery log (CONTRACT §14). */
export function WebhooksView() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const webhooks = useQuery(trpc.webhook.list.queryOptions());
  const [created, setCreated] = useState<TCreatedWebhook | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.webhook.pathKey() });
  return (
    <div className="mx-auto max-w-5xl space-y-6 px-4 py-6 sm:px-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Webhooks</h1>
        <p className="mt-1 text-sm text-slate-700 dark:text-slate-300">
          Other systems hear about new messages and ticket changes: each event is POSTed, signed, to the endpoints that
          chose it, and retried for 24 hours until the endpoint answers 2xx.
        </p>
      </div>
      <CreateWebhookForm onCreated={(webhook) => { setCreated(webhook); void refresh(); }} />
      {created && <SecretNotice secret={created.secret} onDismiss={() => setCreated(null)} />}
      <section aria-label="Endpoints" className="space-y-4">
        {webhooks.data?.data.length === 0 && <p className="text-sm text-slate-700 dark:text-slate-300">No endpoints yet.</p>}
        {webhooks.data?.data.map((webhook) => <WebhookCard key={webhook.id} webhook={webhook} onChanged={() => void refresh()} />)}
      </section>
    </div>
  );
}
