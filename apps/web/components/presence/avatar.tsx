import { avatarColour, initials, type Present } from "./people";

/** A person's initials in their colour; decorative: the words beside or around it say who it is. */
export function PresenceAvatar({ person, size = "md" }: { person: Present; size?: "sm" | "md" }) {
  const box = size === "sm" ? "h-5 w-5 text-[10px]" : "h-7 w-7 text-xs";
  const typing = person.state !== "viewing";
  return (
    <span
      aria-hidden="true"
      className={`inline-flex shrink-0 items-center justify-center rounded-full font-semibold text-white ring-2 ${box} ${avatarColour(person.userId)} ${typing ? "ring-amber-400" : "ring-white dark:ring-slate-900"}`}
    >
      {initials(person.name)}
    </span>
  );
}
