import type { AppRouter } from "@helpdesk/api";
import type { inferRouterOutputs } from "@trpc/server";

type Yielded<S> = S extends AsyncIterable<infer T> ? T : never;
type Outputs = inferRouterOutputs<AppRouter>["presence"];

/** The others on a ticket, as presence.watch yields them: one entry per user, their strongest state. */
export type PresentPeople = Yielded<Outputs["watch"]>;
/** Ticket id → the others on it, as presence.inbox yields them. */
export type PresenceByTicket = Yielded<Outputs["inbox"]>;
export type Present = PresentPeople[number];

const DOING: Record<Present["state"], string> = {
  viewing: "is viewing",
  typing_reply: "is typing a reply…",
  typing_note: "is typing a note…",
};

/** "Ada Admin is typing a reply…" */
export function describePresence(person: Present): string {
  return `${person.name} ${DOING[person.state]}`;
}

/** Up to two initials: "Sam Agent" → "SA". */
export function initials(name: string): string {
  const letters = name.trim().split(/\s+/).map((word) => word[0] ?? "");
  return (letters.length > 1 ? `${letters[0]}${letters.at(-1)}` : (letters[0] ?? "?")).toUpperCase();
}

// White text on these keeps WCAG AA contrast (≥ 4.5:1) in both themes; a user keeps the same colour everywhere.
const AVATAR_COLOURS = ["bg-indigo-700", "bg-emerald-700", "bg-rose-700", "bg-sky-700", "bg-amber-700", "bg-violet-700"];

export function avatarColour(userId: string): string {
  let hash = 0;
  for (const char of userId) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return AVATAR_COLOURS[hash % AVATAR_COLOURS.length] as string;
}
