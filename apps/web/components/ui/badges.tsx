import type { TTicketPriority, TTicketStatus } from "@helpdesk/validators";

const STATUS_STYLES: Record<TTicketStatus, string> = {
  new: "bg-sky-100 text-sky-900 dark:bg-sky-950 dark:text-sky-200",
  open: "bg-rose-100 text-rose-900 dark:bg-rose-950 dark:text-rose-200",
  pending: "bg-amber-100 text-amber-900 dark:bg-amber-950 dark:text-amber-200",
  resolved: "bg-emerald-100 text-emerald-900 dark:bg-emerald-950 dark:text-emerald-200",
  closed: "bg-slate-200 text-slate-800 dark:bg-slate-800 dark:text-slate-200",
};

const PRIORITY_STYLES: Record<TTicketPriority, string> = {
  low: "text-slate-600 dark:text-slate-400",
  normal: "text-slate-800 dark:text-slate-200",
  high: "text-orange-700 dark:text-orange-300 font-medium",
  urgent: "text-red-700 dark:text-red-300 font-semibold",
};

export function StatusBadge({ status }: { status: TTicketStatus }) {
  return <span className={`inline-flex rounded-full px-2 py-0.5 text-xs font-medium capitalize ${STATUS_STYLES[status]}`}>{status}</span>;
}

export function PriorityLabel({ priority }: { priority: TTicketPriority }) {
  return <span className={`text-xs capitalize ${PRIORITY_STYLES[priority]}`}>{priority}</span>;
}
