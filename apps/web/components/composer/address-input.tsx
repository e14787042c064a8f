"use client";

import type { TEmailAddress } from "@helpdesk/validators";
import { useId, type KeyboardEvent } from "react";

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** What the agent typed into an address field and has not yet turned into chips, and why it was refused, if it was. */
export interface AddressDraft {
  text: string;
  refused: string | null;
}

export const emptyAddressDraft: AddressDraft = { text: "", refused: null };

/**
 * The one rule for typed addresses: every comma-, semicolon- or space-separated part must be an address. Either the
 * field's chips with the typed ones added, or the refusal to show under the field (the typed text stays to be fixed).
 */
export function settleAddresses(addresses: TEmailAddress[], text: string): { addresses: TEmailAddress[] } | { refused: string } {
  const candidates = text.split(/[,;\s]+/).map((part) => part.trim()).filter(Boolean);
  const bad = candidates.find((email) => !EMAIL.test(email));
  if (bad) return { refused: `“${bad}” is not a valid email address.` };
  const known = new Set(addresses.map((address) => address.email.toLowerCase()));
  const added = [...new Set(candidates)].filter((email) => !known.has(email.toLowerCase())).map((email) => ({ email }));
  return { addresses: [...addresses, ...added] };
}

/** Email addresses as removable chips; typed text becomes a chip on Enter, comma or leaving the field. */
export function AddressInput({ label, addresses, onChange, typed, onTypedChange, errors }: {
  label: string;
  addresses: TEmailAddress[];
  onChange: (addresses: TEmailAddress[]) => void;
  typed: AddressDraft;
  onTypedChange: (typed: AddressDraft) => void;
  errors: string[];
}) {
  const id = useId();

  function commit() {
    if (typed.text.trim() === "") return;
    const settled = settleAddresses(addresses, typed.text);
    if ("refused" in settled) return onTypedChange({ text: typed.text, refused: settled.refused });
    onChange(settled.addresses);
    onTypedChange(emptyAddressDraft);
  }
  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    // Ctrl/Cmd+Enter is the composer's "send": sending settles the typed text itself.
    if (event.ctrlKey || event.metaKey) return;
    if (event.key === "Enter" || event.key === ",") {
      event.preventDefault();
      commit();
    } else if (event.key === "Backspace" && typed.text === "" && addresses.length > 0) {
      onChange(addresses.slice(0, -1));
    }
  }
  // A refusal stays until the text is edited (sending checks the text again): dropping it only when the field is left
  // would move the Send button from under the pointer between the press and the release of a click.
  const messages = [...(typed.refused ? [typed.refused] : []), ...errors];
  return (
    <div>
      <label htmlFor={id} className="text-xs font-medium text-slate-700 dark:text-slate-300">{label}</label>
      <div className={`mt-1 flex flex-wrap items-center gap-1 rounded-lg border bg-white px-2 py-1 dark:bg-slate-950 ${messages.length ? "border-red-500" : "border-slate-300 dark:border-slate-700"}`}>
        {addresses.map((address) => (
          <span key={address.email} className="inline-flex items-center gap-1 rounded-full bg-slate-100 px-2 py-0.5 text-xs dark:bg-slate-800">
            {address.email}
            <button type="button" aria-label={`Remove ${address.email}`} onClick={() => onChange(addresses.filter((a) => a !== address))} className="text-slate-500 hover:text-slate-900 dark:hover:text-white">×</button>
          </span>
        ))}
        <input id={id} value={typed.text} onChange={(event) => onTypedChange({ text: event.target.value, refused: null })} onKeyDown={onKeyDown} onBlur={commit} aria-invalid={messages.length > 0} aria-describedby={messages.length ? `${id}-error` : undefined} className="min-w-40 flex-1 bg-transparent py-0.5 text-sm outline-none" placeholder="name@example.com" />
      </div>
      {messages.length > 0 && <p id={`${id}-error`} role="alert" className="mt-1 text-xs text-red-700 dark:text-red-300">{messages.join(" ")}</p>}
    </div>
  );
}
