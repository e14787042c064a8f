"use client";

import type { TFieldChange, TTicketEvent } from "@helpdesk/validators";
import { Time } from "@/components/ui/time";

/** Who the activity names when no user made the change: the automation, a customer's mail. */
const SYSTEM_NAME = "Helpdesk";

const capitalized = (value: string) => value.charAt(0).toUpperCase() + value.slice(1);
const asList = (value: TFieldChange["from"]) => (Array.isArray(value) ? value : []);
const asText = (value: TFieldChange["from"]) => (typeof value === "string" ? value : null);

/** "tags: +billing −vip": what was added and what was taken away. */
function tagChange({ from, to }: TFieldChange): string {
  const [before, after] = [asList(from), asList(to)];
  const added = after.filter((tag) => !before.includes(tag)).map((tag) => `+${tag}`);
  const removed = before.filter((tag) => !after.includes(tag)).map((tag) => `−${tag}`);
  return `tags: ${[...added, ...removed].join(" ") || "reordered"}`;
}

/** What the event did, in the words of the thread ("set status Pending, assigned Sam Agent"), without its actor. */
export function describeEvent(event: TTicketEvent, nameOf: (userId: string) => string): string {
  if (event.kind === "message.withdrawn") return "withdrew a reply";
  const { status, priority, type, assigneeId, tags } = event.changes;
  const parts: string[] = [];
  const newStatus = asText(status?.to ?? null);
  if (newStatus) parts.push(newStatus === "closed" ? "closed the ticket" : `set status ${capitalized(newStatus)}`);
  const newPriority = asText(priority?.to ?? null);
  if (newPriority) parts.push(`set priority ${capitalized(newPriority)}`);
  const newType = asText(type?.to ?? null);
  if (newType) parts.push(`set type ${capitalized(newType)}`);
  if (assigneeId) {
    const [from, to] = [asText(assigneeId.from), asText(assigneeId.to)];
    parts.push(to ? `assigned ${nameOf(to)}` : `unassigned ${from ? nameOf(from) : "the ticket"}`);
  }
  if (tags) parts.push(tagChange(tags));
  return parts.join(", ") || "changed the ticket";
}

/** One line between the messages: "Sam Agent set status Pending · 2 minutes ago". */
export function ActivityEntry({ event, names }: { event: TTicketEvent; names: ReadonlyMap<string, string> }) {
  const nameOf = (userId: string) => names.get(userId) ?? "someone";
  const actor = event.actorId === null ? SYSTEM_NAME : nameOf(event.actorId);
  return (
    <p data-testid="activity" data-event-kind={event.kind} className="flex items-center gap-2 px-1 text-xs text-slate-600 dark:text-slate-400">
      <span aria-hidden="true" className="h-px w-4 shrink-0 bg-slate-300 dark:bg-slate-700" />
      <span>
        <span className="font-medium text-slate-800 dark:text-slate-200">{capitalized(actor)}</span> {describeEvent(event, nameOf)} · <Time iso={event.createdAt} />
      </span>
    </p>
  );
}
