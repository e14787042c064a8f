import { type InputHTMLAttributes, type ReactNode, type TextareaHTMLAttributes, useId } from "react";

export const CONTROL_CLASS =
  "block rounded-lg border border-slate-300 bg-white px-2.5 py-1.5 text-sm text-slate-900 focus:outline-none focus-visible:ring-2 focus-visible:ring-indigo-500 aria-[invalid=true]:border-red-600 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100 dark:aria-[invalid=true]:border-red-400";

/** What a field hands its control: its id, and the error's id and state when there is one. */
export interface ControlProps {
  id: string;
  "aria-invalid"?: true;
  "aria-describedby"?: string;
}

/** A labelled form control with its error shown (and announced) beside it. */
export function Field({ label, error, className = "", children }: {
  label: string;
  error?: string;
  className?: string;
  children: (control: ControlProps) => ReactNode;
}) {
  const id = useId();
  const errorId = `${id}-error`;
  return (
    <div className={className}>
      <label htmlFor={id} className="block text-sm font-medium">{label}</label>
      <div className="mt-1">{children({ id, ...(error ? { "aria-invalid": true, "aria-describedby": errorId } : {}) })}</div>
      {error && <p id={errorId} className="mt-1 text-xs text-red-700 dark:text-red-300">{error}</p>}
    </div>
  );
}

export function Input({ className = "", ...props }: InputHTMLAttributes<HTMLInputElement>) {
  return <input className={`${CONTROL_CLASS} w-full ${className}`} {...props} />;
}

export function Textarea({ className = "", ...props }: TextareaHTMLAttributes<HTMLTextAreaElement>) {
  return <textarea className={`${CONTROL_CLASS} w-full ${className}`} {...props} />;
}
