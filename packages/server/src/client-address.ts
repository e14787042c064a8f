// Who is asking, by network address: the socket's peer, or — only through proxies named in
// HELPDESK_TRUSTED_PROXIES — the nearest X-Forwarded-For hop that is not one of them. A client can write anything in
// X-Forwarded-For, so without trusted proxies that header is never read.
import type { IncomingMessage } from "node:http";
import proxyAddr from "proxy-addr";

export type AddressOf = (req: IncomingMessage) => string;

/** `trusted`: addresses, CIDR ranges or proxy-addr's names (`loopback`, `uniquelocal`); empty trusts no proxy. */
export function clientAddressResolver(trusted: readonly string[]): AddressOf {
  const trust = proxyAddr.compile([...trusted]);
  return (req) => proxyAddr(req, trust) || "unknown";
}
