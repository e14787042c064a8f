"use client";

import type { TWebhookDelivery } from "@helpdesk/validators";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Time } from "@/components/ui/time";
import { toApiError } from "@/lib/api-error";
import { useTRPC } from "@/lib/trpc";

/** An endpoint's latest deliveries, refreshed every few seconds while open, each with its attempts. */
export function DeliveryLog({ id, webhookId }: { id: string; webhookId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const log = useQuery({ ...trpc.webhook.deliveries.queryOptions({ webhook_id: webhookId, limit: 25 }), refetchInterval: 2_000 });
  const redeliver = useMutation(
    trpc.webhook.redeliver.mutationOptions({
      onSuccess: () => { toast.success("Queued again"); void queryClient.invalidateQueries({ queryKey: trpc.webhook.deliveries.pathKey() }); },
      onError: (error) => toast.error(toApiError(error).message),
    }),
  );
  return (
    <section id={id} aria-label="Deliveries" className="overflow-x-auto">
      {log.data?.data.length === 0 && <p className="text-sm text-slate-700 dark:text-slate-300">Nothing delivered yet.</p>}
      {Boolean(log.data?.data.length) && (
        <table className="w-full text-left text-sm">
          <thead className="text-xs uppercase tracking-wide text-slate-600 dark:text-slate-400">
            <tr><th className="py-1 pr-3">Event</th><th className="py-1 pr-3">Status</th><th className="py-1 pr-3">Last attempt</th><th className="py-1 pr-3">When</th><th className="py-1"><span className="sr-only">Actions</span></th></tr>
          </thead>
          <tbody className="divide-y divide-slate-100 align-top dark:divide-slate-800">
            {log.data?.data.map((delivery) => (
              <tr key={delivery.id} data-testid="webhook-delivery" data-status={delivery.status}>
                <td className="py-1.5 pr-3"><code className="text-xs">{delivery.eventType}</code><div className="font-mono text-xs text-slate-600 dark:text-slate-400">{delivery.eventId}</div></td>
                <td className="py-1.5 pr-3">{delivery.status}{delivery.attemptCount > 1 && <span className="text-xs text-slate-600 dark:text-slate-400"> · {delivery.attemptCount} attempts</span>}</td>
                <td className="py-1.5 pr-3"><LastAttempt delivery={delivery} /></td>
                <td className="py-1.5 pr-3 text-xs"><Time iso={delivery.createdAt} /></td>
                <td className="py-1.5"><Button size="sm" onClick={() => redeliver.mutate({ webhook_id: webhookId, delivery_id: delivery.id })}>Redeliver</Button></td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function LastAttempt({ delivery }: { delivery: TWebhookDelivery }) {
  const [attempt] = delivery.attempts;
  if (!attempt) return <span className="text-xs text-slate-600 dark:text-slate-400">{delivery.status === "pending" ? "waiting" : "none"}</span>;
  return (
    <div className="space-y-0.5 text-xs">
      <div><span data-testid="delivery-status-code">{attempt.statusCode ?? "no answer"}</span> · {attempt.durationMs} ms</div>
      {attempt.error && <div className="text-red-700 dark:text-red-300">{attempt.error}</div>}
      {attempt.responseExcerpt && (
        <details>
          <summary className="cursor-pointer">Response</summary>
          <pre className="max-h-40 max-w-md overflow-auto whitespace-pre-wrap break-all rounded bg-slate-50 p-1 dark:bg-slate-800">{attempt.responseExcerpt}</pre>
        </details>
      )}
    </div>
  );
}
