// `tsx src/profile-summary.ts <file.cpuprofile> [--top N]`: where a V8 CPU profile (the bench server's, written by
// HELPDESK_BENCH_PROFILE_DIR) spent its time, by self time: the top packages (a dependency, or a workspace package /
// app folder) and the top functions. Idle time, the garbage collector and the program's own bookkeeping are listed
// apart so that the percentages are of the time spent running JavaScript.
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";

interface CallFrame { functionName: string; url: string; lineNumber: number }
interface ProfileNode { id: number; callFrame: CallFrame }
interface CpuProfile { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] }

const SPECIAL = new Set(["(idle)", "(program)", "(garbage collector)"]);

/** The package a frame belongs to: a dependency's name, a workspace folder (packages/api, apps/web), or node's own. */
export function packageOf(url: string): string {
  if (url === "") return "(native: V8 and node's C++)";
  if (url.startsWith("node:")) return "node (built-in)";
  const dependency = /.*node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)?.[1];
  if (dependency) return dependency;
  const workspace = /\/((?:packages|apps)\/[^/]+)\//.exec(url)?.[1];
  // Next.js bundles our packages into the build's chunks: their frames are told apart only by function name.
  if (workspace) return url.includes("/.next/") ? `${workspace}/.next (bundled workspace code)` : workspace;
  return url.replace(/^file:\/\//, "");
}

function frameName({ functionName, url, lineNumber }: CallFrame): string {
  const where = url.replace(/^file:\/\//, "").replace(/.*node_modules\//, "").replace(/^.*?\/((?:packages|apps)\/)/, "$1");
  return `${functionName || "(anonymous)"} ${where}${where ? `:${lineNumber + 1}` : ""}`;
}

function addTo(totals: Map<string, number>, key: string, micros: number): void {
  totals.set(key, (totals.get(key) ?? 0) + micros);
}

export function summarize(profile: CpuProfile, top: number): string {
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const byFrame = new Map<string, number>();
  const byPackage = new Map<string, number>();
  const special = new Map<string, number>();
  let running = 0;
  for (const [index, id] of profile.samples.entries()) {
    const frame = nodes.get(id)?.callFrame;
    const micros = profile.timeDeltas[index] ?? 0;
    if (!frame) continue;
    if (SPECIAL.has(frame.functionName)) {
      addTo(special, frame.functionName, micros);
      continue;
    }
    running += micros;
    addTo(byFrame, frameName(frame), micros);
    addTo(byPackage, packageOf(frame.url), micros);
  }
  const ms = (micros: number) => `${(micros / 1000).toFixed(0).padStart(7)} ms`;
  const share = (micros: number) => `${((100 * micros) / (running || 1)).toFixed(1).padStart(5)}%`;
  const table = (totals: Map<string, number>) =>
    [...totals].sort((a, b) => b[1] - a[1]).slice(0, top).map(([key, micros]) => `${share(micros)} ${ms(micros)}  ${key}`).join("\n");
  return [
    `Running JavaScript: ${ms(running).trim()}; apart: ${[...special].map(([name, micros]) => `${name} ${ms(micros).trim()}`).join(", ")}`,
    `\nBy package (self time):\n${table(byPackage)}`,
    `\nBy function (self time):\n${table(byFrame)}`,
  ].join("\n");
}

const { values, positionals } = parseArgs({ allowPositionals: true, options: { top: { type: "string", default: "25" } } });
const file = positionals[0];
if (!file) {
  console.error("usage: profile-summary <file.cpuprofile> [--top N]");
  process.exit(2);
}
console.log(summarize(JSON.parse(readFileSync(file, "utf8")) as CpuProfile, Number(values.top)));
