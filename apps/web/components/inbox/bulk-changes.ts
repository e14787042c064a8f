// What the bulk bar is about to change, in words, and how a bulk request went, in one sentence.
import type { TBulkTicketChanges, TBulkUpdateResult, TErrorCode } from "@helpdesk/validators";
import { capitalized } from "@/components/ui/select";

export type BulkChanges = Partial<TBulkTicketChanges>;

/** Each pending change as a short label ("Assign: Ada Admin", "Status: Pending"), keyed by its field. */
export function describeChanges(changes: BulkChanges, nameOf: (userId: string) => string): { field: keyof BulkChanges; label: string }[] {
  const labels: { field: keyof BulkChanges; label: string }[] = [];
  if (changes.assignee_id !== undefined) labels.push({ field: "assignee_id", label: `Assign: ${changes.assignee_id ? nameOf(changes.assignee_id) : "Unassigned"}` });
  if (changes.status) labels.push({ field: "status", label: `Status: ${capitalized(changes.status)}` });
  if (changes.priority) labels.push({ field: "priority", label: `Priority: ${capitalized(changes.priority)}` });
  if (changes.add_tags?.length) labels.push({ field: "add_tags", label: `Add tags: ${changes.add_tags.join(", ")}` });
  return labels;
}

/** "billing, vip ,billing" → ["billing", "vip"]: typed tags, comma-separated, each once. */
export const parseTags = (text: string) => [...new Set(text.split(",").map((tag) => tag.trim()).filter(Boolean))];

const REASONS: Partial<Record<TErrorCode, string>> = {
  TICKET_CLOSED: "is closed",
  NOT_FOUND: "no longer exists",
  VALIDATION_ERROR: "would have too many tags",
};

const tickets = (count: number) => `${count} ticket${count === 1 ? "" : "s"}`;

/** "Updated 3 tickets; 1 refused: tkt_… is closed". */
export function bulkOutcome({ updated, refused }: TBulkUpdateResult): string {
  const done = `Updated ${tickets(updated.length)}`;
  if (refused.length === 0) return done;
  const why = refused.map((refusal) => `${refusal.ticketId} ${REASONS[refusal.code] ?? `was refused (${refusal.message})`}`);
  return `${done}; ${refused.length} refused: ${why.join(", ")}`;
}
