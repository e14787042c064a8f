"use client";

import type { TWebhook } from "@helpdesk/validators";
import { useMutation } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Time } from "@/components/ui/time";
import { toApiError } from "@/lib/api-error";
import { useTRPC } from "@/lib/trpc";
import { DeliveryLog } from "./delivery-log";
import { checkedEvents, EventChoices } from "./event-choices";

/** One endpoint: its state (paused and why), its events and on/off switch, the test event, deletion and its log. */
export function WebhookCard({ webhook, onChanged }: { webhook: TWebhook; onChanged: () => void }) {
  const trpc = useTRPC();
  const [showLog, setShowLog] = useState(false);
  const onError = (error: unknown) => toast.error(toApiError(error).message);
  const update = useMutation(trpc.webhook.update.mutationOptions({ onSuccess: () => { toast.success("Endpoint saved"); onChanged(); }, onError }));
  const remove = useMutation(trpc.webhook.delete.mutationOptions({ onSuccess: () => { toast.success("Endpoint deleted"); onChanged(); }, onError }));
  const test = useMutation(trpc.webhook.test.mutationOptions({ onSuccess: () => { toast.success("Test event queued"); setShowLog(true); onChanged(); }, onError }));
  function saveEvents(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    update.mutate({ webhook_id: webhook.id, events: checkedEvents(new FormData(event.currentTarget)) });
  }
  const logId = `deliveries-${webhook.id}`;
  return (
    <article aria-label={`Endpoint ${webhook.url}`} data-testid="webhook-card" className="space-y-3 rounded-xl border border-slate-200 bg-white p-4 shadow-sm dark:border-slate-800 dark:bg-slate-900">
      <div className="flex flex-wrap items-center gap-2">
        <h2 className="break-all font-mono text-sm font-semibold">{webhook.url}</h2>
        <WebhookState webhook={webhook} />
      </div>
      {webhook.pauseReason && <p role="status" className="text-sm text-amber-800 dark:text-amber-300">{webhook.pauseReason}</p>}
      <form onSubmit={saveEvents} aria-label={`Events of ${webhook.url}`} className="flex flex-wrap items-end gap-3">
        <EventChoices legend="Events" defaultValue={webhook.events} />
        <Button type="submit" size="sm" disabled={update.isPending}>Save events</Button>
      </form>
      <div className="flex flex-wrap gap-2">
        <Button size="sm" onClick={() => update.mutate({ webhook_id: webhook.id, active: !webhook.active })}>{webhook.active ? "Turn off" : webhook.pausedAt ? "Resume" : "Turn on"}</Button>
        <Button size="sm" onClick={() => test.mutate({ webhook_id: webhook.id })} disabled={test.isPending}>Send test event</Button>
        <Button size="sm" aria-expanded={showLog} aria-controls={logId} onClick={() => setShowLog(!showLog)}>{showLog ? "Hide deliveries" : "Show deliveries"}</Button>
        <Button size="sm" variant="danger" onClick={() => { if (window.confirm(`Delete the endpoint ${webhook.url}? Its delivery log goes with it.`)) remove.mutate({ webhook_id: webhook.id }); }}>Delete</Button>
      </div>
      {showLog && <DeliveryLog id={logId} webhookId={webhook.id} />}
    </article>
  );
}

function WebhookState({ webhook }: { webhook: TWebhook }) {
  const [label, tone] = webhook.active
    ? webhook.failingSince ? ["Failing", "bg-amber-100 text-amber-900 dark:bg-amber-950 dark:text-amber-200"] : ["Active", "bg-green-100 text-green-900 dark:bg-green-950 dark:text-green-200"]
    : webhook.pausedAt ? ["Paused", "bg-red-100 text-red-900 dark:bg-red-950 dark:text-red-200"] : ["Off", "bg-slate-100 text-slate-800 dark:bg-slate-800 dark:text-slate-200"];
  return (
    <span data-testid="webhook-state" className={`rounded-full px-2 py-0.5 text-xs font-medium ${tone}`}>
      {label}
      {webhook.active && webhook.failingSince && <> since <Time iso={webhook.failingSince} /></>}
    </span>
  );
}
