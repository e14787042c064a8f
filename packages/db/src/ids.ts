import { typeid } from "typeid-js";

// TypeIDs: a prefix, then a UUIDv7 in base32 — sortable by creation time, with 74 random bits.
export type IdPrefix = "tkt" | "msg" | "usr" | "att" | "eml" | "aud" | "inb" | "tev";

export function newId(prefix: IdPrefix): string {
  return typeid(prefix).toString();
}
