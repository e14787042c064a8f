import { TypeID, typeid } from "typeid-js";

// TypeIDs: a prefix, then a UUIDv7 in base32 — sortable by creation time, with 74 random bits.
export type IdPrefix = "tkt" | "msg" | "usr" | "att" | "eml" | "aud" | "inb" | "tev" | "mac" | "whk" | "evt" | "whd" | "wha";

export function newId(prefix: IdPrefix): string {
  return typeid(prefix).toString();
}

/** When an id was made: the milliseconds its UUIDv7 carries (ids of rows since deleted still tell their time). */
export function idTime(id: string): Date {
  return new Date(Number.parseInt(TypeID.fromString(id).toUUID().replaceAll("-", "").slice(0, 12), 16));
}

/** The smallest id made at `at` or later: ids sort by creation, so `id < firstIdAt(prefix, at)` is "made before at". */
export function firstIdAt(prefix: IdPrefix, at: Date): string {
  const hex = at.getTime().toString(16).padStart(12, "0");
  return TypeID.fromUUID(prefix, `${hex.slice(0, 8)}-${hex.slice(8)}-7000-8000-000000000000`).toString();
}
