// Who is asking, by network address: the socket's peer, or — only through proxies named in
// HELPDESK_TRUSTED_PROXIES — the nearest X-Forwarded-For hop that is not one of them. A client can write anything in
// X-Forwarded-For, so without trusted proxies that header is never read.
import type { IncomingMessage } from "node:http";
import proxyAddr from "proxy-addr";

export type AddressOf = (req: IncomingMessage) => string;

/** `trusted`: addresses, CIDR ranges or proxy-addr's names (`loopback`, `uniquelocal`); empty trusts no proxy. */
export function clientAddressResolver(trusted: readonly string[]): AddressOf {
  const trust = proxyAddr.compile([...trusted]);
  return (req) => clientOf(proxyAddr(req, trust) || "unknown");
}

/**
 * One client per IPv4 address and per IPv6 /64: a single subscriber is handed a whole /64, so counting its
 * addresses one by one would give it a fresh budget (and a fresh set of sign-in attempts) per address.
 */
export function clientOf(address: string): string {
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(address);
  if (mapped?.[1]) return mapped[1];
  if (!address.includes(":")) return address;
  const [head = "", tail] = address.split("::");
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const groups = tail === undefined ? left : [...left, ...Array(Math.max(8 - left.length - right.length, 0)).fill("0"), ...right];
  return `${groups.slice(0, 4).map((group) => Number.parseInt(group, 16).toString(16)).join(":")}::/64`;
}
