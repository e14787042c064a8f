// The create under 60 s of steady load, with the server's resident memory (VmRSS of its one process) before and
// after: memory that grows with the number of requests shows up here long before it takes a server down.
import { readFile } from "node:fs/promises";
import { measure, round } from "./load.ts";
import type { Scenario } from "./scenarios.ts";
import type { BenchServer } from "./server.ts";

export const SOAK_SECONDS = 60;
// The same load first, unmeasured: the heap grows to the size this load needs (V8 keeps what it took), so what grows
// after that is memory that grows with the number of requests, which is what the soak is for. At ~1,000 creates a
// second the heap's first major collection comes after about 20 s (RSS rose from 615 to 1,000 MB and fell back to a
// floor of 709 MB, where every later cycle ended): the warm-up covers it.
const WARMUP_SECONDS = 30;
// In-flight work and timers finish before the readings start.
const SETTLE_MS = 2_000;
const SAMPLE_MS = 2_000;

export interface SoakResults {
  endpoint: string;
  seconds: number;
  rps: number;
  p99Ms: number;
  errors: number;
  /** The lowest RSS in the soak's first third, and in its last third. */
  rssBeforeMb: number;
  rssAfterMb: number;
  rssSamplesMb: number[];
  /** (after - before) / before, in percent. */
  rssGrowthPercent: number;
}

async function residentMb(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, "utf8");
  const kb = /^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1];
  if (!kb) throw new Error(`no VmRSS in /proc/${pid}/status`);
  return round(Number(kb) / 1024, 1);
}

export async function soak(server: BenchServer, name: string, scenario: Scenario): Promise<SoakResults> {
  await measure(server.baseUrl, scenario.target, WARMUP_SECONDS);
  await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
  // Sampled through the run: between collections the heap swings by a hundred MB either way, so two single readings
  // say little. Memory that grows with requests raises the low points; the collector's sawtooth does not.
  const samples: { atMs: number; mb: number }[] = [];
  const started = Date.now();
  const sampler = setInterval(() => void residentMb(server.pid).then((mb) => samples.push({ atMs: Date.now() - started, mb })), SAMPLE_MS);
  const measured = await measure(server.baseUrl, scenario.target, SOAK_SECONDS).finally(() => clearInterval(sampler));
  const lowest = (from: number, to: number) => Math.min(...samples.filter((s) => s.atMs >= from * 1000 && s.atMs < to * 1000).map((s) => s.mb));
  const rssBeforeMb = lowest(0, SOAK_SECONDS / 3);
  const rssAfterMb = lowest((SOAK_SECONDS * 2) / 3, SOAK_SECONDS + 1);
  return {
    endpoint: name, seconds: SOAK_SECONDS, rps: measured.rps, p99Ms: measured.p99Ms, errors: measured.errors,
    rssBeforeMb, rssAfterMb, rssGrowthPercent: round((100 * (rssAfterMb - rssBeforeMb)) / rssBeforeMb, 1),
    rssSamplesMb: samples.map((sample) => sample.mb),
  };
}
