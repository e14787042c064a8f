// Serves a fetch-style handler (Request → Response) on Node's http server, for the API doors that need nothing of
// Next.js: REST and tRPC go straight from the front door to their handlers, skipping Next's router and route-module
// machinery (about a sixth of a request's CPU in the bench's profile, issue 11). A client that goes away aborts the
// request's signal and cancels the answer's stream, so a live subscription ends with its connection.
import type { IncomingMessage, ServerResponse } from "node:http";
import { Readable } from "node:stream";

export type FetchHandler = (request: Request) => Promise<Response>;

// Connection-level headers of this hop: a Request must not carry them on.
const HOP_BY_HOP = new Set(["connection", "keep-alive", "transfer-encoding", "upgrade", "http2-settings", "te", "trailer", "proxy-connection"]);

export function serveFetch(handler: FetchHandler, origin: string) {
  return async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const aborted = new AbortController();
    res.once("close", () => aborted.abort());
    const response = await handler(toRequest(req, origin, aborted.signal));
    res.statusCode = response.status;
    for (const [name, value] of response.headers) if (name !== "set-cookie") res.setHeader(name, value);
    const cookies = response.headers.getSetCookie();
    if (cookies.length) res.setHeader("set-cookie", cookies);
    if (!response.body) return void res.end();
    const reader = response.body.getReader();
    aborted.signal.addEventListener("abort", () => void reader.cancel().catch(() => {}), { once: true });
    try {
      for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
        // Backpressure: wait for the socket when Node's buffer is full, unless the client is gone.
        if (!res.write(chunk.value) && !aborted.signal.aborted) await new Promise((resolve) => res.once("drain", resolve).once("close", resolve));
      }
    } finally {
      res.end();
    }
  };
}

function toRequest(req: IncomingMessage, origin: string, signal: AbortSignal): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined || HOP_BY_HOP.has(name)) continue;
    if (Array.isArray(value)) for (const each of value) headers.append(name, each);
    else headers.set(name, value);
  }
  const method = req.method ?? "GET";
  const body = method === "GET" || method === "HEAD" ? undefined : (Readable.toWeb(req) as ReadableStream<Uint8Array>);
  // `duplex: "half"`: the body streams in while the answer may already be written (uploads).
  return new Request(new URL(req.url ?? "/", origin), { method, headers, body, signal, duplex: "half" } as RequestInit);
}
