"use client";

import { WEBHOOK_EVENTS, type TWebhookEventType } from "@helpdesk/validators";

const EVENT_LABELS: Record<TWebhookEventType, string> = {
  "message.created": "Message created",
  "ticket.created": "Ticket created",
  "ticket.updated": "Ticket updated",
  "message.delivery_failed": "Reply bounced",
};

/** The events an endpoint hears, as checkboxes named `events` (read with FormData.getAll). */
export function EventChoices({ defaultValue, legend, error }: { defaultValue: readonly string[]; legend: string; error?: string }) {
  return (
    <fieldset aria-invalid={error ? true : undefined}>
      <legend className="text-sm font-medium">{legend}</legend>
      <div className="mt-1 flex flex-wrap gap-x-4 gap-y-1">
        {WEBHOOK_EVENTS.map((event) => (
          <label key={event} className="flex items-center gap-1.5 text-sm">
            <input type="checkbox" name="events" value={event} defaultChecked={defaultValue.includes(event)} />
            {EVENT_LABELS[event]} <code className="text-xs text-slate-600 dark:text-slate-400">{event}</code>
          </label>
        ))}
      </div>
      {error && <p role="alert" className="mt-1 text-xs text-red-700 dark:text-red-300">{error}</p>}
    </fieldset>
  );
}

export const checkedEvents = (form: FormData) => form.getAll("events").map(String) as TWebhookEventType[];
