// `pnpm bench` — Helpdesk's benchmark (CONTRACT §9). It builds the console if there is no production build yet, starts
// a fresh throwaway PostgreSQL (a new database on DATABASE_URL's server when that is set), seeds it with raw SQL (one
// agent, 1,000 open tickets, one of them with a 10,000-message conversation), serves the production build on loopback
// through `apps/web/scripts/serve.ts start` with automations off and the per-user rate limit lifted, and loads it with
// autocannon, 10 connections (every target primed for 3 s first, then each one warmed up for 2 s and measured for
// 10 s): the REST list's first page and its last (deep) page, a message by id, a note with a ticket_update on the 999
// other tickets in turn, and the console's tRPC list. Each is compared with a ceiling measured the same way against a
// bare node:http + raw `pg` server: `read`, the same list queries with JSON serialisation alone, for the reads;
// `write`, the create's writes in one raw transaction, for the create. It prints a table and writes
// packages/bench/results.json; every process it started is stopped at the end, on failure and on Ctrl-C. Expect about
// two minutes on two cores (plus the build, when there is none); the figures move with whatever else the machine runs.
import os from "node:os";
import { createTestDatabase } from "@helpdesk/db/testing";
import { startCeilingServer } from "./ceilings.ts";
import { cleanup, cleanupOnSignals, onCleanup } from "./cleanup.ts";
import { LOAD, measure, prime, type Measurement } from "./load.ts";
import { printTable, toResults, writeResults, type CeilingName } from "./report.ts";
import { ceilingScenarios, ENDPOINT_NAMES, endpointScenarios, preflight, type EndpointName, type Scenario } from "./scenarios.ts";
import { seedBenchData, type BenchData } from "./seed.ts";
import { BENCH_RATE_LIMIT_PER_MINUTE, ensureBuild, startServer, type BenchServer } from "./server.ts";

const step = (text: string) => console.log(`• ${text}`);

async function timed<T>(label: string, work: () => Promise<T>): Promise<T> {
  const started = performance.now();
  const result = await work();
  step(`${label} (${((performance.now() - started) / 1000).toFixed(1)} s)`);
  return result;
}

async function signIn(server: BenchServer, data: BenchData): Promise<string> {
  const response = await fetch(`${server.baseUrl}/helpdesk/api/auth/session`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email: data.email, password: data.password }),
  });
  const body = (await response.json()) as { token?: string };
  if (response.status !== 201 || !body.token) throw new Error(`sign-in answered ${response.status} ${JSON.stringify(body)}`);
  return body.token;
}

async function load(baseUrl: string, name: string, scenario: Scenario, server?: BenchServer): Promise<Measurement> {
  const measured = await measure(baseUrl, scenario.target);
  step(`${name.padEnd(13)} ${measured.rps.toFixed(1).padStart(8)} req/s  p50 ${measured.p50Ms} ms  p99 ${measured.p99Ms} ms`);
  if (measured.errors > 0) {
    console.log(`  ${measured.errors} errors; status codes: ${JSON.stringify(measured.statusCodes)}`);
    if (server) console.log(`  server output (last lines):\n${server.logTail()}`);
  }
  return measured;
}

async function run(): Promise<void> {
  console.log(
    `Helpdesk bench: autocannon, ${LOAD.connections} connections; every target primed ${LOAD.primeSeconds} s, then ` +
      `${LOAD.warmupSeconds} s warm-up + ${LOAD.durationSeconds} s measured each, on loopback (${os.cpus().length} CPUs, ` +
      `load average ${(os.loadavg()[0] ?? 0).toFixed(2)} at start, Node ${process.version}).\n` +
      `The bench server runs with HELPDESK_RATE_LIMIT_PER_MINUTE=${BENCH_RATE_LIMIT_PER_MINUTE} (the default per-user ` +
      `limit of 400/min would answer 429 to nearly all of the load) and HELPDESK_AUTOMATIONS=off.\n`,
  );
  await ensureBuild();
  const database = await timed("Throwaway PostgreSQL started and migrated", () => createTestDatabase("bench"));
  onCleanup("the database", () => database.stop());
  const data = await timed("Seeded 1,000 tickets, one with 10,000 messages", () => seedBenchData(database.url));
  const server = await timed("Production server serving", () => startServer(database.url));
  step(`Serving on ${server.baseUrl}`);
  const token = await signIn(server, data);
  const endpoints = endpointScenarios(data, token);
  const ceilingServer = await startCeilingServer(database.url, data.agentId);
  const ceilings = ceilingScenarios(data);

  // One request each first: a wrong answer stops the run instead of being measured.
  const restList = await preflight(server.baseUrl, "list_page1", endpoints.list_page1);
  for (const name of ENDPOINT_NAMES.slice(1)) await preflight(server.baseUrl, name, endpoints[name]);
  const ceilingList = await preflight(ceilingServer.baseUrl, "ceiling read", ceilings.read);
  await preflight(ceilingServer.baseUrl, "ceiling write", ceilings.write);
  if (JSON.stringify(restList) !== JSON.stringify(ceilingList)) {
    console.log("  Warning: the read ceiling's answer differs from GET /messages' answer; the read ratios compare unlike work.");
  }

  step(`Priming: each target loaded for ${LOAD.primeSeconds} s, unmeasured`);
  for (const scenario of Object.values(ceilings)) await prime(ceilingServer.baseUrl, scenario.target);
  for (const name of ENDPOINT_NAMES) await prime(server.baseUrl, endpoints[name].target);

  console.log("");
  const ceilingResults = {} as Record<CeilingName, Measurement>;
  for (const name of ["read", "write"] as const) {
    ceilingResults[name] = await load(ceilingServer.baseUrl, `ceiling ${name}`, ceilings[name]);
  }
  await ceilingServer.stop();
  const endpointResults: [EndpointName, Measurement][] = [];
  for (const name of ENDPOINT_NAMES) endpointResults.push([name, await load(server.baseUrl, name, endpoints[name], server)]);

  const results = toResults(ceilingResults, endpointResults);
  printTable(results, { read: ceilingResults.read.errors, write: ceilingResults.write.errors });
  console.log(
    `\ncreate: a note with ticket_update.priority alternating high/normal, on the ${data.smallTicketIds.length} tickets ` +
      `other than the big one in turn. Ratios: reads against the read ceiling, create against the write ceiling.`,
  );
  await writeResults(results);
}

cleanupOnSignals();
try {
  await run();
} catch (error) {
  console.error(`\nBench failed: ${(error as Error).message}`);
  process.exitCode = 1;
} finally {
  step("Stopping the server and the database…");
  await cleanup();
}
process.exit();
