import type { SelectHTMLAttributes } from "react";
import { CONTROL_CLASS } from "./field";

/** A native select (the platform's keyboard and screen-reader behaviour) in the console's look. */
export function Select({ className = "", ...props }: SelectHTMLAttributes<HTMLSelectElement>) {
  return <select className={`${CONTROL_CLASS} pr-8 ${className}`} {...props} />;
}

/** "pending" → "Pending": option labels from the API's lower-case values. */
export const capitalized = (value: string) => value.charAt(0).toUpperCase() + value.slice(1);
