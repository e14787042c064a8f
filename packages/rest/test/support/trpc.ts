// A real HTTP server around the console's tRPC handler, and a client that speaks its wire format (plain JSON inputs
// and answers, batches as `?batch=1`), so tests see exactly what the console's links send and receive.
import { createTrpcHandler, TRPC_ENDPOINT, type TrpcHandlerOptions } from "@helpdesk/api";
import { getDb } from "@helpdesk/db";
import { serveHandler, type TestServer } from "./api.ts";

export type TestTrpc = TestServer;

export function startTrpc(options: Partial<TrpcHandlerOptions> = {}): Promise<TestTrpc> {
  return serveHandler(createTrpcHandler({ db: getDb, ...options }), TRPC_ENDPOINT);
}

export interface TrpcCall {
  path: string;
  input?: unknown;
}

export interface TrpcAnswer {
  status: number;
  headers: Headers;
  /** One entry per call: its data, or its error's appCode. */
  results: ({ data: unknown } | { error: { code: string; appCode: string; message: string; details?: Record<string, unknown> } })[];
}

function auth(token: string | undefined, headers: Record<string, string> = {}): Record<string, string> {
  return token ? { ...headers, authorization: `Bearer ${token}` } : headers;
}

/** Sends `calls` as one batch: queries as a GET, mutations as a POST, the way httpBatchLink does. */
export async function trpcBatch(
  server: TestTrpc,
  kind: "query" | "mutation",
  calls: TrpcCall[],
  options: { token?: string; headers?: Record<string, string> } = {},
): Promise<TrpcAnswer> {
  const paths = calls.map((call) => call.path).join(",");
  const inputs = Object.fromEntries(calls.map((call, index) => [index, call.input ?? null]));
  const url = `${server.baseUrl}/${paths}?batch=1`;
  const response =
    kind === "query"
      ? await fetch(`${url}&input=${encodeURIComponent(JSON.stringify(inputs))}`, { headers: auth(options.token, options.headers) })
      : await fetch(url, {
          method: "POST",
          headers: auth(options.token, { "content-type": "application/json", ...options.headers }),
          body: JSON.stringify(inputs),
        });
  const body = (await response.json()) as unknown;
  const entries = Array.isArray(body) ? body : [body];
  return {
    status: response.status,
    headers: response.headers,
    results: entries.map((entry: { result?: { data: unknown }; error?: { message: string; code: number; data: { code: string; appCode: string; details?: Record<string, unknown> } } }) =>
      entry.result
        ? { data: entry.result.data }
        : { error: { code: entry.error?.data.code ?? "", appCode: entry.error?.data.appCode ?? "", message: entry.error?.message ?? "", details: entry.error?.data.details } },
    ),
  };
}

/** Opens a subscription's server-sent event stream, as httpSubscriptionLink does; abort the signal to close it. */
export async function openStream(server: TestTrpc, path: string, options: { token: string; signal: AbortSignal; input?: unknown }) {
  const input = options.input === undefined ? "" : `?input=${encodeURIComponent(JSON.stringify(options.input))}`;
  return fetch(`${server.baseUrl}/${path}${input}`, { headers: auth(options.token, { accept: "text/event-stream" }), signal: options.signal });
}
