"use client";

import { useSubscription } from "@trpc/tanstack-react-query";
import { useState } from "react";
import { useTRPC } from "@/lib/trpc";
import { PresenceAvatar } from "./avatar";
import { describePresence, type PresenceByTicket, type PresentPeople } from "./people";

/** Ticket id → the others who have it open, live, for the inbox rows' markers. */
export function usePresenceByTicket(): PresenceByTicket {
  const trpc = useTRPC();
  const [byTicket, setByTicket] = useState<PresenceByTicket>({});
  useSubscription(trpc.presence.inbox.subscriptionOptions(undefined, { onData: setByTicket }));
  return byTicket;
}

/** Small initials beside a row's subject; hovering (title) or a screen reader says who and what they are doing. */
export function PresenceMarker({ people }: { people: PresentPeople | undefined }) {
  if (!people?.length) return null;
  const description = people.map(describePresence).join("; ");
  return (
    <span data-testid="presence-marker" title={description} className="inline-flex shrink-0 items-center -space-x-1">
      {people.slice(0, 3).map((person) => <PresenceAvatar key={person.userId} person={person} size="sm" />)}
      {people.length > 3 && <span aria-hidden="true" className="pl-2 text-xs text-slate-600 dark:text-slate-400">+{people.length - 3}</span>}
      <span className="sr-only">{description}</span>
    </span>
  );
}
