"use client";

import { useSubscription } from "@trpc/tanstack-react-query";
import { useState } from "react";
import { useTRPC } from "@/lib/trpc";
import { PresenceAvatar } from "./avatar";
import { describePresence, type PresentPeople } from "./people";

/**
 * Who else has this ticket open, and who is typing, live. Keeping the page open is what counts the user as viewing
 * (the subscription is their presence). A polite live region, so a screen reader hears someone arrive or start typing.
 */
export function PresenceBar({ ticketId }: { ticketId: string }) {
  const trpc = useTRPC();
  const [people, setPeople] = useState<PresentPeople>([]);
  useSubscription(trpc.presence.watch.subscriptionOptions({ ticket_id: ticketId }, { onData: setPeople }));
  return (
    <div role="status" aria-live="polite" data-testid="presence-bar" className={people.length ? "" : "sr-only"}>
      {people.length > 0 && (
        <ul aria-label="Also on this ticket" className="flex flex-wrap items-center gap-x-4 gap-y-2 rounded-lg border border-slate-200 bg-white px-3 py-2 text-sm text-slate-700 dark:border-slate-800 dark:bg-slate-900 dark:text-slate-300">
          {people.map((person) => (
            <li key={person.userId} className="flex items-center gap-2">
              <PresenceAvatar person={person} />
              <span className={person.state === "viewing" ? "" : "font-medium text-slate-900 dark:text-slate-100"}>{describePresence(person)}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
