import type { TEmailAddress, TRecipient } from "@helpdesk/validators";

/** One entry per address, compared case-insensitively; the first spelling wins. */
export function uniqueAddresses(addresses: TEmailAddress[] | undefined): TRecipient[] {
  const seen = new Set<string>();
  const unique: TRecipient[] = [];
  for (const address of addresses ?? []) {
    const key = address.email.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    unique.push({ email: address.email, name: address.name ?? null });
  }
  return unique;
}
