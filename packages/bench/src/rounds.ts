// Trustworthy ratios on a noisy machine: an endpoint and its ceiling are measured in alternation (A B B A …, short
// rounds, so that a burst of other work mostly hits both halves of a round), each round gives a ratio, and the row
// reports the median of those ratios (and the median rps/p50/p99): a burst moves a round, not the result.
import { LOAD, round, type Measurement } from "./load.ts";

export interface Alternated {
  /** Median rps/p50/p99 of the endpoint's rounds; errors summed over them. */
  endpoint: Measurement;
  /** The ceiling's rounds, kept for the ceilings' own medians. */
  ceilingRounds: Measurement[];
  /** Median of the per-round ratios (endpoint rps / ceiling rps). */
  ratio: number;
  roundRatios: number[];
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

/** The median of each figure over several measurements; errors and status codes summed. */
export function medianOf(measurements: Measurement[]): Measurement {
  const statusCodes: Record<string, number> = {};
  for (const { statusCodes: codes } of measurements) {
    for (const [code, count] of Object.entries(codes)) statusCodes[code] = (statusCodes[code] ?? 0) + count;
  }
  return {
    rps: round(median(measurements.map((m) => m.rps)), 1),
    p50Ms: round(median(measurements.map((m) => m.p50Ms)), 2),
    p99Ms: round(median(measurements.map((m) => m.p99Ms)), 2),
    errors: measurements.reduce((sum, m) => sum + m.errors, 0),
    statusCodes,
  };
}

export async function alternate(endpoint: () => Promise<Measurement>, ceiling: () => Promise<Measurement>): Promise<Alternated> {
  const endpointRounds: Measurement[] = [];
  const ceilingRounds: Measurement[] = [];
  for (let index = 0; index < LOAD.rounds; index++) {
    // A B, then B A: a machine that slowly speeds up or slows down favours neither.
    if (index % 2 === 0) endpointRounds.push(await endpoint());
    ceilingRounds.push(await ceiling());
    if (index % 2 === 1) endpointRounds.push(await endpoint());
  }
  const roundRatios = endpointRounds.map((measured, index) => round(measured.rps / (ceilingRounds[index]?.rps || Number.NaN), 3));
  return { endpoint: medianOf(endpointRounds), ceilingRounds, ratio: round(median(roundRatios), 3), roundRatios };
}
