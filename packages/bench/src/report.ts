// The results: a table on stdout and results.json in the shape of CONTRACT §9 (each row also keeps its per-round
// ratios; --large and the soak add their own fields).
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { PlanSummary } from "./explain.ts";
import type { Measurement } from "./load.ts";
import type { PageLoadResults } from "./page-load.ts";
import type { Alternated } from "./rounds.ts";
import type { EndpointName } from "./scenarios.ts";
import type { SoakResults } from "./soak.ts";

export const RESULTS_PATH = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../results.json");

export type CeilingName = "read" | "write";
export const CEILING_OF: Record<EndpointName, CeilingName> = {
  list_page1: "read", list_deep: "read", by_id: "read", trpc_list: "read", create: "write", floor: "read",
  large_page1: "read", large_last: "read", large_search: "read",
};

export interface EndpointRow {
  name: EndpointName; rps: number; p50Ms: number; p99Ms: number; errors: number; ratio: number;
  /** The ratio of each round (endpoint and ceiling measured in turn); `ratio` is their median. */
  roundRatios: number[];
}

export interface Results {
  ceilings: Record<CeilingName, { rps: number; p50Ms: number; p99Ms: number }>;
  endpoints: EndpointRow[];
  /** --large: how long the console's ticket page takes to show its first messages. */
  pageLoad?: PageLoadResults;
  /** --large: EXPLAIN ANALYZE of the list and inbox queries. */
  plans?: PlanSummary[];
  /** --soak / --large: the create under 60 s of load, and the server's memory before and after. */
  soak?: SoakResults;
}

export function toResults(ceilings: Record<CeilingName, Measurement>, endpoints: [EndpointName, Alternated][]): Results {
  const plain = ({ rps, p50Ms, p99Ms }: Measurement) => ({ rps, p50Ms, p99Ms });
  return {
    ceilings: { read: plain(ceilings.read), write: plain(ceilings.write) },
    endpoints: endpoints.map(([name, measured]) => ({
      name, ...plain(measured.endpoint), errors: measured.endpoint.errors, ratio: measured.ratio, roundRatios: measured.roundRatios,
    })),
  };
}

const spread = (ratios: number[]) => (ratios.length ? Math.max(...ratios) - Math.min(...ratios) : 0);

export function printTable(results: Results, ceilingErrors: Record<CeilingName, number>): void {
  const header = ["", "req/s", "p50 ms", "p99 ms", "errors", "ratio (median)", "per round", "spread"];
  const rows: string[][] = [
    ...(["read", "write"] as const).map((name) => {
      const c = results.ceilings[name];
      return [`ceiling ${name}`, c.rps.toFixed(1), String(c.p50Ms), String(c.p99Ms), String(ceilingErrors[name]), "—", "", ""];
    }),
    ...results.endpoints.map((e) => [
      e.name, e.rps.toFixed(1), String(e.p50Ms), String(e.p99Ms), String(e.errors), `${e.ratio.toFixed(3)} (${CEILING_OF[e.name]})`,
      e.roundRatios.map((ratio) => ratio.toFixed(2)).join(" "), spread(e.roundRatios).toFixed(3),
    ]),
  ];
  const widths = header.map((_, column) => Math.max(...[header, ...rows].map((row) => (row[column] ?? "").length)));
  const line = (row: string[]) =>
    row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0))).join("  ");
  console.log(`\n${line(header)}\n${widths.map((width) => "-".repeat(width)).join("  ")}`);
  rows.forEach((row, index) => {
    if (index === 2) console.log("");
    console.log(line(row));
  });
}

export async function writeResults(results: Results): Promise<void> {
  await writeFile(RESULTS_PATH, `${JSON.stringify(results, null, 2)}\n`);
  console.log(`\nWrote ${RESULTS_PATH}`);
}
