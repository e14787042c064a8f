// The checks every request passes before any handler runs (CONTRACT §4, §10). Each returns the refusal to send,
// or null to let the request through.
import type { IncomingMessage } from "node:http";
import type { TErrorCode } from "@helpdesk/validators";

export interface Refusal {
  code: TErrorCode;
  message: string;
  headers?: Record<string, string>;
}

export const ALLOWED_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);
// Characters no path of ours contains, and that PostgreSQL or a log line must never see.
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/;

export function refuseMethod(method: string): Refusal | null {
  if (ALLOWED_METHODS.includes(method)) return null;
  return { code: "METHOD_NOT_ALLOWED", message: `${method} is not allowed.`, headers: { allow: ALLOWED_METHODS.join(", ") } };
}

/** The decoded path, or null when it cannot name anything of ours (broken percent-encoding, control characters). */
export function decodedPath(rawUrl: string): string | null {
  if (!rawUrl.startsWith("/")) return null;
  const pathname = rawUrl.split("?", 1)[0] ?? "/";
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  // `.` and `..` segments (also percent-encoded) are what browsers resolve before sending; sent raw, Next.js would
  // answer them with a redirect to another route instead of the contract's 404.
  const dotSegment = decoded.split("/").some((segment) => segment === "." || segment === "..");
  return CONTROL_CHARACTERS.test(decoded) || dotSegment ? null : decoded;
}

/**
 * A write that carries cookies is authenticated by them, so a browser may have sent it on another site's behalf:
 * it must come from our own origin. Requests with an Authorization header are authenticated by it instead (a Bearer
 * token is never sent by a browser on its own), and clients that are not browsers send neither Origin nor
 * Sec-Fetch-Site.
 */
export function refuseCrossSiteWrite(req: IncomingMessage, publicOrigin: string): Refusal | null {
  if (SAFE_METHODS.has(req.method ?? "GET") || req.headers.authorization !== undefined || !req.headers.cookie) return null;
  const origin = req.headers.origin;
  if (origin !== undefined) {
    if (origin === publicOrigin || origin === `http://${req.headers.host}` || origin === `https://${req.headers.host}`) return null;
  } else {
    const site = req.headers["sec-fetch-site"];
    if (site === undefined || site === "same-origin" || site === "none") return null;
  }
  return { code: "FORBIDDEN", message: "Cookie-authenticated writes must come from this site's own pages." };
}
