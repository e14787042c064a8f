"use client";

import type { TTicket, TUpdateTicketBody } from "@helpdesk/validators";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { toast } from "sonner";
import { PriorityLabel, StatusBadge } from "@/components/ui/badges";
import { Time } from "@/components/ui/time";
import { toApiError } from "@/lib/api-error";
import { TagInput } from "./tag-input";
import { useTRPC } from "@/lib/trpc";

// `closed` is never offered: only the system closes tickets.
export const CLIENT_STATUSES = ["new", "open", "pending", "resolved"] as const;
const PRIORITIES = ["low", "normal", "high", "urgent"] as const;
const TYPES = ["question", "incident", "problem", "task"] as const;

const fieldClass = "mt-1 block w-full rounded-lg border border-slate-300 bg-white px-2 py-1.5 text-sm dark:border-slate-700 dark:bg-slate-900";

export function TicketFields({ ticket, editable }: { ticket: TTicket; editable: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const directory = useQuery(trpc.user.directory.queryOptions());
  const update = useMutation(
    trpc.ticket.update.mutationOptions({
      onSuccess: (updated) => {
        queryClient.setQueryData(trpc.ticket.byId.queryKey({ ticket_id: ticket.id }), updated);
        toast.success("Ticket updated");
      },
      onError: (error) => toast.error(toApiError(error).message),
    }),
  );
  const save = (changes: TUpdateTicketBody) => update.mutate({ ticket_id: ticket.id, ...changes });
  const assignees = directory.data?.filter((user) => user.role !== "viewer") ?? [];
  const assigneeName = directory.data?.find((user) => user.id === ticket.assigneeId)?.name ?? "Unassigned";

  if (!editable) {
    return (
      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 text-sm">
        <dt className="text-slate-600 dark:text-slate-400">Status</dt><dd><StatusBadge status={ticket.status} /></dd>
        <dt className="text-slate-600 dark:text-slate-400">Priority</dt><dd><PriorityLabel priority={ticket.priority} /></dd>
        <dt className="text-slate-600 dark:text-slate-400">Type</dt><dd className="capitalize">{ticket.type}</dd>
        <dt className="text-slate-600 dark:text-slate-400">Assignee</dt><dd>{assigneeName}</dd>
        <dt className="text-slate-600 dark:text-slate-400">Tags</dt><dd>{ticket.tags.join(", ") || "—"}</dd>
        <dt className="text-slate-600 dark:text-slate-400">Created</dt><dd><Time iso={ticket.createdAt} /></dd>
      </dl>
    );
  }
  return (
    <div className="space-y-3 text-sm">
      <EnumField label="Status" value={ticket.status} options={CLIENT_STATUSES} onChange={(status) => save({ status })} />
      <EnumField label="Priority" value={ticket.priority} options={PRIORITIES} onChange={(priority) => save({ priority })} />
      <EnumField label="Type" value={ticket.type} options={TYPES} onChange={(type) => save({ type })} />
      <label className="block">
        <span className="font-medium">Assignee</span>
        <select className={fieldClass} value={ticket.assigneeId ?? ""} onChange={(event) => save({ assignee_id: event.target.value || null })}>
          <option value="">Unassigned</option>
          {assignees.map((user) => <option key={user.id} value={user.id}>{user.name}</option>)}
        </select>
      </label>
      <TagInput tags={ticket.tags} onSave={(tags) => save({ tags })} />
      <p className="text-xs text-slate-600 dark:text-slate-400">Created <Time iso={ticket.createdAt} /> · updated <Time iso={ticket.updatedAt} /></p>
    </div>
  );
}

function EnumField<T extends string>({ label, value, options, onChange }: {
  label: string;
  value: T;
  options: readonly T[];
  onChange: (value: T) => void;
}) {
  return (
    <label className="block">
      <span className="font-medium">{label}</span>
      <select className={fieldClass} value={value} onChange={(event) => onChange(event.target.value as T)}>
        {options.map((option) => <option key={option} value={option}>{option[0]?.toUpperCase() + option.slice(1)}</option>)}
      </select>
    </label>
  );
}
