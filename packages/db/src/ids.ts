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
