// The server-side request forgery guard (CONTRACT §14): a webhook may only reach public unicast addresses, unless
// HELPDESK_WEBHOOKS_ALLOW_PRIVATE=1. One place decides, used when an admin saves a URL and again at every delivery,
// after DNS resolution, on the very address the request then connects to (so a name that resolves differently the
// second time cannot point the request somewhere it was not checked for).
import { lookup } from "node:dns/promises";
import { isIP } from "node:net";
import { serverConfig } from "@helpdesk/validators";
import ipaddr from "ipaddr.js";

/**
 * Whether an address is an ordinary public one. ipaddr.js names every special range (private, loopback, link-local,
 * unique-local, unspecified, multicast, broadcast, carrier-grade NAT, reserved, and the IPv6 forms that embed an IPv4
 * address: mapped, NAT64, 6to4, Teredo); only what it calls `unicast` is public. `process` unwraps an IPv4-mapped IPv6
 * address (::ffff:10.0.0.1) to the IPv4 address it stands for.
 */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  return ipaddr.process(address).range() === "unicast";
}

export const privateTargetsAllowed = () => serverConfig().HELPDESK_WEBHOOKS_ALLOW_PRIVATE;

export class TargetRefused extends Error {
  override name = "TargetRefused";
}

/** A host and the one address to connect to for it, checked. */
export interface CheckedTarget {
  url: URL;
  address: string;
  family: 4 | 6;
}

/**
 * Resolves the URL's host and checks it. Every address the name resolves to must be allowed (a name with one private
 * address among public ones is refused: which one a client would pick is not ours to know); the first is used.
 */
export async function resolveTarget(rawUrl: string, allowPrivate = privateTargetsAllowed()): Promise<CheckedTarget> {
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    throw new TargetRefused("not a URL");
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new TargetRefused("only http and https URLs can receive webhooks");
  const host = url.hostname.replace(/^\[(.*)\]$/, "$1");
  const addresses = isIP(host) ? [{ address: host, family: isIP(host) }] : await resolve(host);
  if (!allowPrivate) {
    const refused = addresses.find(({ address }) => !isPublicAddress(address));
    if (refused) throw new TargetRefused(`${host} is a private, loopback or link-local address (${refused.address})`);
  }
  const [first] = addresses;
  if (!first) throw new TargetRefused(`${host} does not resolve`);
  return { url, address: first.address, family: first.family === 6 ? 6 : 4 };
}

async function resolve(host: string): Promise<{ address: string; family: number }[]> {
  try {
    return await lookup(host, { all: true, verbatim: true });
  } catch {
    throw new TargetRefused(`${host} does not resolve`);
  }
}
