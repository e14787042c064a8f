// Text PostgreSQL cannot keep. It refuses NUL in `text` outright (the request then failed with a 500), and the driver
// encodes an unpaired UTF-16 surrogate as U+FFFD, so the stored text would silently differ from what was sent. Every
// door asks this module, once, before any field is parsed: such input is a 422 at its field (404 in a URL path).
import type { TValidationDetails } from "./errors.ts";

// With the `u` flag a well-formed surrogate pair is one code point; only lone surrogates are in the Cs category.
const NUL = /\u0000/;
const LONE_SURROGATE = /\p{Cs}/u;
const UNSTORABLE = /[\u0000\p{Cs}]/gu;

/** What in `text` cannot be stored, as a phrase ("the NUL character (U+0000)"), or null when all of it can. */
export function unstorableCharacter(text: string): string | null {
  if (NUL.test(text)) return "the NUL character (U+0000)";
  if (LONE_SURROGATE.test(text)) return "an unpaired UTF-16 surrogate (text that is not valid Unicode)";
  return null;
}

export const isStorableText = (text: string): boolean => unstorableCharacter(text) === null;

/**
 * `text` without what PostgreSQL cannot store, for text we did not ask for and must not refuse (a customer's mail):
 * NUL goes, a lone surrogate becomes U+FFFD as the driver would make it anyway.
 */
export const storableText = (text: string): string => text.replace(UNSTORABLE, (character) => (character === "\u0000" ? "" : "\uFFFD"));

const isPlainObject = (value: object): value is Record<string, unknown> => {
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
};

/**
 * Every string PostgreSQL cannot store inside `input` (values and object keys, at any depth of plain objects and
 * arrays), keyed as the contract names fields: `subject`, `ticket_update.status`, `ccs.3.email`; `body` for the input
 * itself. A bad key is named with its bad characters shown as U+FFFD, so the answer is valid text. Walks with its own
 * stack and builds paths by concatenation, so even a megabyte of nested brackets costs linear time and no recursion.
 */
export function unstorableDetails(input: unknown): TValidationDetails {
  // No prototype: a field named `constructor` or `__proto__` must be a key like any other, not an inherited member.
  const details: TValidationDetails = Object.create(null);
  const add = (path: string | null, message: string) => (details[path ?? "body"] ??= []).push({ code: "INVALID", message });
  const stack: { value: unknown; path: string | null }[] = [{ value: input, path: null }];
  const seen = new Set<object>();
  for (let item = stack.pop(); item; item = stack.pop()) {
    const { value, path } = item;
    if (typeof value === "string") {
      const character = unstorableCharacter(value);
      if (character) add(path, `Must not contain ${character}.`);
      continue;
    }
    if (typeof value !== "object" || value === null || seen.has(value)) continue;
    seen.add(value);
    const entries = Array.isArray(value) ? value.entries() : isPlainObject(value) ? Object.entries(value) : [];
    for (const [key, element] of entries) {
      const name = String(key);
      const field = path === null ? name.replace(UNSTORABLE, "\uFFFD") : `${path}.${name.replace(UNSTORABLE, "\uFFFD")}`;
      const character = unstorableCharacter(name);
      if (character) add(field, `The field name must not contain ${character}.`);
      stack.push({ value: element, path: field });
    }
  }
  return details;
}
