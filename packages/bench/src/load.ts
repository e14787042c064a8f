// One measurement: autocannon (programmatic API) against one endpoint on loopback.
import autocannon from "autocannon";

// `primeSeconds`: each target is loaded this long once before any is measured. A freshly started server is several
// times slower at first (lazily loaded route modules, JIT). Then each endpoint and its ceiling are measured in
// alternation, `rounds` short rounds of `roundSeconds` each (rounds.ts), so that both see the same machine.
export const LOAD = { connections: 10, rounds: 8, roundSeconds: 1.5, primeSeconds: 3 };

export interface Measurement {
  /** Successful (2xx) responses per second. */
  rps: number;
  /** Latency percentiles of the successful responses, in milliseconds. */
  p50Ms: number;
  p99Ms: number;
  /** Connection errors, timeouts, and answers other than 2xx. */
  errors: number;
  /** Status codes seen, for the log when there were errors. */
  statusCodes: Record<string, number>;
}

/** One request to send: every call of `next` gives the next one (a path, a method, a body…). */
export interface Target {
  method?: "GET" | "POST";
  headers?: Record<string, string>;
  next: () => { path: string; body?: string };
}

function toRequest(target: Target): autocannon.Request {
  const first = target.next();
  return {
    method: target.method ?? "GET",
    path: first.path,
    headers: target.headers,
    body: first.body,
    setupRequest: (current) => ({ ...current, ...target.next() }),
  };
}

/** Loads the target for LOAD.primeSeconds without measuring. */
export async function prime(baseUrl: string, target: Target): Promise<void> {
  await autocannon({ url: baseUrl, connections: LOAD.connections, duration: LOAD.primeSeconds, requests: [toRequest(target)] });
}

/** Loads the target for `seconds` and measures it. */
export async function measure(baseUrl: string, target: Target, seconds: number = LOAD.roundSeconds): Promise<Measurement> {
  const result = await autocannon({ url: baseUrl, connections: LOAD.connections, duration: seconds, requests: [toRequest(target)] });
  const ok = (result as unknown as { "2xx": number })["2xx"];
  const statusCodes = Object.fromEntries(
    Object.entries(result.statusCodeStats ?? {}).map(([code, stats]) => [code, Number((stats as { count: number }).count)]),
  );
  return {
    rps: round(ok / result.duration, 1),
    p50Ms: round(result.latency.p50, 2),
    p99Ms: round(result.latency.p99, 2),
    errors: result.errors + result.non2xx + result.mismatches,
    statusCodes,
  };
}

export const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;
