// One HTTP POST to a webhook endpoint: to the address resolveTarget checked (a custom lookup pins it, so DNS cannot
// change it between the check and the connection), no redirects followed (a 3xx is a failure), at most 10 s, and no
// more of the answer read than the excerpt the log keeps.
import http from "node:http";
import https from "node:https";
import type { LookupFunction } from "node:net";
import type { CheckedTarget } from "./address.ts";

export const DELIVERY_TIMEOUT_MS = 10_000;
export const RESPONSE_EXCERPT_BYTES = 4096;
const USER_AGENT = "Helpdesk-Webhooks/1.0";

export interface SendResult {
  statusCode: number | null;
  error: string | null;
  responseExcerpt: string | null;
  durationMs: number;
}

export async function postJson(target: CheckedTarget, headers: Record<string, string>, body: string, timeoutMs = DELIVERY_TIMEOUT_MS): Promise<SendResult> {
  const started = performance.now();
  const pinned: LookupFunction = (_hostname, options, callback) => {
    // node:net asks for every address when autoSelectFamily is on, for one otherwise.
    if (options.all) callback(null, [{ address: target.address, family: target.family }]);
    else callback(null, target.address, target.family);
  };
  const client = target.url.protocol === "https:" ? https : http;
  const outcome = await new Promise<Omit<SendResult, "durationMs">>((resolve) => {
    const request = client.request(target.url, {
      method: "POST",
      lookup: pinned,
      agent: false,
      headers: { ...headers, "Content-Type": "application/json", "User-Agent": USER_AGENT, "Content-Length": String(Buffer.byteLength(body)) },
    });
    const timer = setTimeout(() => request.destroy(new Error(`no answer within ${timeoutMs / 1000} s`)), timeoutMs);
    request.on("error", (error) => {
      clearTimeout(timer);
      resolve({ statusCode: null, error: error.message.slice(0, 500), responseExcerpt: null });
    });
    request.on("response", (response) => {
      const chunks: Buffer[] = [];
      let size = 0;
      const finish = () => {
        clearTimeout(timer);
        const statusCode = response.statusCode ?? null;
        // PostgreSQL text cannot hold NUL.
        const excerpt = Buffer.concat(chunks).subarray(0, RESPONSE_EXCERPT_BYTES).toString("utf8").replaceAll("\u0000", "");
        resolve({ statusCode, error: statusError(statusCode), responseExcerpt: excerpt || null });
        request.destroy();
      };
      response.on("data", (chunk: Buffer) => {
        chunks.push(chunk);
        size += chunk.length;
        // Enough for the log: the rest of a large answer is never read.
        if (size >= RESPONSE_EXCERPT_BYTES) finish();
      });
      response.on("end", finish);
      response.on("error", finish);
    });
    request.end(body);
  });
  return { ...outcome, durationMs: Math.round(performance.now() - started) };
}

function statusError(statusCode: number | null): string | null {
  if (statusCode !== null && statusCode >= 200 && statusCode < 300) return null;
  if (statusCode !== null && statusCode >= 300 && statusCode < 400) return `HTTP ${statusCode}: redirects are not followed`;
  return `HTTP ${statusCode}`;
}
