// Our own addresses and the ticket ids hidden in them: what the doors accept, what is never CC'd back, and the
// plus-addressed Reply-To (`support+tkt_…@example.com`) our outgoing mails carry.
import { serverConfig } from "@helpdesk/validators";
import type { InboundConfig } from "./types.ts";

/** A typeid ticket id: `tkt_` and 26 base32 characters. */
export const TICKET_ID_PATTERN = /tkt_[0-7][0-9a-hjkmnp-tv-z]{25}/;

export function inboundConfigFromEnv(env: NodeJS.ProcessEnv = process.env): InboundConfig {
  const config = serverConfig(env);
  const addresses = config.HELPDESK_INBOUND_ADDRESSES.length ? config.HELPDESK_INBOUND_ADDRESSES : [config.HELPDESK_FROM_EMAIL.toLowerCase()];
  return { addresses, fromEmail: config.HELPDESK_FROM_EMAIL, maxBytes: config.HELPDESK_MAX_UPLOAD_BYTES };
}

function splitAddress(address: string): { local: string; tag: string | null; domain: string } | null {
  const at = address.lastIndexOf("@");
  if (at <= 0) return null;
  const local = address.slice(0, at).toLowerCase();
  const plus = local.indexOf("+");
  return { local: plus < 0 ? local : local.slice(0, plus), tag: plus < 0 ? null : local.slice(plus + 1), domain: address.slice(at + 1).toLowerCase() };
}

/** One of our addresses, or a plus-addressed form of one. */
export function isOurAddress(address: string, config: Pick<InboundConfig, "addresses">): boolean {
  const parts = splitAddress(address);
  return parts !== null && config.addresses.includes(`${parts.local}@${parts.domain}`);
}

/** The ticket id of a plus-addressed form of one of our addresses (`support+tkt_…@`), or null. */
export function ticketIdInAddress(address: string, config: Pick<InboundConfig, "addresses">): string | null {
  const parts = splitAddress(address);
  if (!parts?.tag || !isOurAddress(address, config)) return null;
  return TICKET_ID_PATTERN.exec(parts.tag)?.[0] ?? null;
}

/** The Reply-To of an outgoing mail about a ticket: the From address, plus-addressed with the ticket id. */
export function replyToAddress(fromEmail: string, ticketId: string): string {
  const address = /<([^>]+)>/.exec(fromEmail)?.[1] ?? fromEmail;
  const at = address.lastIndexOf("@");
  return at <= 0 ? address : `${address.slice(0, at)}+${ticketId}${address.slice(at)}`;
}
