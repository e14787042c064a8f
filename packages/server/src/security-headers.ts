// Headers every answer carries (CONTRACT §10). Console pages get a CSP whose scripts need this request's nonce
// (Next.js reads the nonce from the request's own Content-Security-Policy header and puts it on its scripts).
import { randomBytes } from "node:crypto";

export interface SecurityOptions {
  /** HSTS only makes sense (and is only safe) when the public URL is https. */
  https: boolean;
  /** Development needs eval (React's dev tools) and the hot-reload socket. */
  dev: boolean;
}

export function newNonce(): string {
  return randomBytes(18).toString("base64");
}

export function contentSecurityPolicy(nonce: string, { dev }: SecurityOptions): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    // React and the editor set style attributes; styles cannot run code.
    "style-src 'self' 'unsafe-inline'",
    // Remote images in messages stay hidden until the agent asks (the console rewrites them), then load directly.
    "img-src 'self' data: blob: http: https:",
    "font-src 'self' data:",
    `connect-src 'self'${dev ? " ws: wss:" : ""}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/** Headers for every answer, pages and API alike, unless the route set its own (a download sets a stricter CSP). */
export function securityHeaders(csp: string, { https }: SecurityOptions): Record<string, string> {
  return {
    "content-security-policy": csp,
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    // Links in customers' messages must not tell other sites which ticket an agent was reading.
    "referrer-policy": "same-origin",
    "cross-origin-opener-policy": "same-origin",
    ...(https ? { "strict-transport-security": "max-age=31536000; includeSubDomains" } : {}),
  };
}
