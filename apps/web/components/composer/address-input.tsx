"use client";

import type { TEmailAddress } from "@helpdesk/validators";
import { useId, useState, type KeyboardEvent } from "react";

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Email addresses as removable chips; typed text becomes a chip on Enter, comma or leaving the field. */
export function AddressInput({ label, addresses, onChange, errors }: {
  label: string;
  addresses: TEmailAddress[];
  onChange: (addresses: TEmailAddress[]) => void;
  errors: string[];
}) {
  const id = useId();
  const [text, setText] = useState("");
  const [invalid, setInvalid] = useState<string | null>(null);

  function commit() {
    const candidates = text.split(/[,;\s]+/).map((part) => part.trim()).filter(Boolean);
    if (candidates.length === 0) return;
    const bad = candidates.find((email) => !EMAIL.test(email));
    if (bad) {
      setInvalid(`“${bad}” is not a valid email address.`);
      return;
    }
    const known = new Set(addresses.map((address) => address.email.toLowerCase()));
    const added = candidates.filter((email) => !known.has(email.toLowerCase())).map((email) => ({ email }));
    onChange([...addresses, ...added]);
    setText("");
    setInvalid(null);
  }
  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === "Enter" || event.key === ",") {
      event.preventDefault();
      commit();
    } else if (event.key === "Backspace" && text === "" && addresses.length > 0) {
      onChange(addresses.slice(0, -1));
    }
  }
  const messages = [...(invalid ? [invalid] : []), ...errors];
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
        <input id={id} value={text} onChange={(event) => setText(event.target.value)} onKeyDown={onKeyDown} onBlur={commit} aria-invalid={messages.length > 0} aria-describedby={messages.length ? `${id}-error` : undefined} className="min-w-40 flex-1 bg-transparent py-0.5 text-sm outline-none" placeholder="name@example.com" />
      </div>
      {messages.length > 0 && <p id={`${id}-error`} role="alert" className="mt-1 text-xs text-red-700 dark:text-red-300">{messages.join(" ")}</p>}
    </div>
  );
}
