// `pnpm bench` — Helpdesk's benchmark (CONTRACT §9). It builds the console if there is no production build yet, starts
// a fresh throwaway PostgreSQL (a new database on DATABASE_URL's server when that is set), seeds it with raw SQL (one
// agent, 1,000 open tickets, one of them with a 10,000-message conversation), serves the production build on loopback
// through `apps/web/scripts/serve.ts start` with automations off and the per-user rate limit lifted, and loads it with
// autocannon, 10 connections: every target primed for 3 s, then each endpoint and its ceiling measured in turn, 8
// rounds of 1.5 s each (rounds.ts), the row's ratio being the median of the rounds'. Endpoints: the REST list's first
// page and its last (deep) page, a message by id, a note with a ticket_update on the 999 other tickets in turn, the
// console's tRPC list, and `floor` (the front door's health check, no database). Ceilings: a bare node:http + raw
// `pg` server; `read`, the same list queries with JSON serialisation alone, for the reads (and floor); `write`, the
// create's writes in one raw transaction, for the create. It prints a table and writes packages/bench/results.json.
//   --large          also 1,000,000 messages on one ticket and 100,000 more tickets (seed-large.ts): its first and
//                    last pages (large_page1, large_last), the plans of the list and inbox queries (explain.ts), the
//                    ticket page's time to first messages in Chromium (page-load.ts), and the soak.
//   --soak           60 s of the create with the server's RSS before and after (soak.ts).
//   --profile <name> only that endpoint (with HELPDESK_BENCH_PROFILE_DIR: a CPU profile of it alone); writes no results.
// Every process it started is stopped at the end, on failure and on Ctrl-C. Expect about three and a half minutes on
// two cores (--large: about three more), plus the build when there is none.
import os from "node:os";
import { parseArgs } from "node:util";
import { createTestDatabase } from "@helpdesk/db/testing";
import { startCeilingServer } from "./ceilings.ts";
import { cleanup, cleanupOnSignals, onCleanup } from "./cleanup.ts";
import { explainLargeQueries } from "./explain.ts";
import { LOAD, measure, prime, type Measurement } from "./load.ts";
import { measurePageLoads } from "./page-load.ts";
import { printTable, toResults, writeResults, CEILING_OF, type CeilingName } from "./report.ts";
import { alternate, medianOf, type Alternated } from "./rounds.ts";
import { ceilingScenarios, ENDPOINT_NAMES, endpointScenarios, LARGE_ENDPOINT_NAMES, largeScenarios, preflight, type EndpointName, type Scenario } from "./scenarios.ts";
import { seedBenchData, type BenchData } from "./seed.ts";
import { INBOX_TICKETS, LARGE_TICKET_MESSAGES, SHORT_TICKET_MESSAGES, seedLargeData } from "./seed-large.ts";
import { BENCH_RATE_LIMIT_PER_MINUTE, ensureBuild, startServer, type BenchServer } from "./server.ts";
import { SOAK_SECONDS, soak } from "./soak.ts";

const { values: flags } = parseArgs({
  options: { large: { type: "boolean", default: false }, soak: { type: "boolean", default: false }, profile: { type: "string" } },
});
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

/** The read ceiling must do the work GET /messages does: the same answer, byte for byte. */
function compareAnswers(restList: unknown, ceilingList: unknown): void {
  const rest = JSON.stringify(restList);
  const ceiling = JSON.stringify(ceilingList);
  if (rest === ceiling) {
    step("The read ceiling's answer equals GET /messages' answer.");
    return;
  }
  const at = [...rest].findIndex((char, index) => char !== ceiling[index]);
  console.log(
    "  Warning: the read ceiling's answer differs from GET /messages' answer; the read ratios compare unlike work.\n" +
      `  First difference at character ${at}:\n    GET /messages: …${rest.slice(Math.max(0, at - 80), at + 80)}\n    ceiling:       …${ceiling.slice(Math.max(0, at - 80), at + 80)}`,
  );
}

async function run(): Promise<void> {
  const known: readonly string[] = flags.large ? [...ENDPOINT_NAMES, ...LARGE_ENDPOINT_NAMES] : ENDPOINT_NAMES;
  if (flags.profile !== undefined && !known.includes(flags.profile)) throw new Error(`--profile: one of ${known.join(", ")}`);
  const selected = (names: readonly EndpointName[]) => names.filter((name) => flags.profile === undefined || name === flags.profile);
  console.log(
    `Helpdesk bench: autocannon, ${LOAD.connections} connections; every target primed ${LOAD.primeSeconds} s, then each ` +
      `endpoint and its ceiling in turn, ${LOAD.rounds} rounds of ${LOAD.roundSeconds} s, on loopback (${os.cpus().length} CPUs, ` +
      `load average ${(os.loadavg()[0] ?? 0).toFixed(2)} at start, Node ${process.version}).\n` +
      `The bench server runs with HELPDESK_RATE_LIMIT_PER_MINUTE=${BENCH_RATE_LIMIT_PER_MINUTE} (the default per-user ` +
      `limit of 400/min would answer 429 to nearly all of the load) and HELPDESK_AUTOMATIONS=off.\n`,
  );
  await ensureBuild();
  const database = await timed("Throwaway PostgreSQL started and migrated", () => createTestDatabase("bench"));
  onCleanup("the database", () => database.stop());
  const data = await timed("Seeded 1,000 tickets, one with 10,000 messages", () => seedBenchData(database.url));
  const server = await timed("Production server serving", () => startServer(database.url));
  step(`Serving on ${server.baseUrl} (pid ${server.pid})`);
  const token = await signIn(server, data);
  const ceilingServer = await startCeilingServer(database.url, data.agentId);
  const ceilings = ceilingScenarios(data);

  // One request each first: a wrong answer stops the run instead of being measured.
  const endpoints: Partial<Record<EndpointName, Scenario>> = endpointScenarios(data, token);
  for (const name of ENDPOINT_NAMES) await preflight(server.baseUrl, name, endpoints[name] as Scenario);
  await preflight(ceilingServer.baseUrl, "ceiling write", ceilings.write);
  compareAnswers(
    await preflight(server.baseUrl, "list_page1", endpoints.list_page1 as Scenario),
    await preflight(ceilingServer.baseUrl, "ceiling read", ceilings.read),
  );

  const ceilingRounds: Record<CeilingName, Measurement[]> = { read: [], write: [] };
  const rows: [EndpointName, Alternated][] = [];
  const measureRows = async (names: readonly EndpointName[]) => {
    step(`Priming: ${[...new Set(names.map((name) => CEILING_OF[name]))].map((kind) => `ceiling ${kind}`).concat(names).join(", ")}, ${LOAD.primeSeconds} s each, unmeasured`);
    for (const kind of new Set(names.map((name) => CEILING_OF[name]))) await prime(ceilingServer.baseUrl, ceilings[kind].target);
    for (const name of names) await prime(server.baseUrl, (endpoints[name] as Scenario).target);
    for (const name of names) {
      const kind = CEILING_OF[name];
      const measured = await alternate(
        () => measure(server.baseUrl, (endpoints[name] as Scenario).target),
        () => measure(ceilingServer.baseUrl, ceilings[kind].target),
      );
      ceilingRounds[kind].push(...measured.ceilingRounds);
      rows.push([name, measured]);
      const { rps, p50Ms, p99Ms, errors, statusCodes } = measured.endpoint;
      step(`${name.padEnd(12)} ${rps.toFixed(1).padStart(8)} req/s  p50 ${p50Ms} ms  p99 ${p99Ms} ms  ratio ${measured.ratio.toFixed(3)} ` +
        `(rounds ${measured.roundRatios.map((ratio) => ratio.toFixed(3)).join(" ")}; ceiling ${kind} ${measured.ceilingRounds.map((c) => c.rps.toFixed(0)).join(" ")} req/s)`);
      if (errors > 0) console.log(`  ${errors} errors; status codes: ${JSON.stringify(statusCodes)}\n  server output (last lines):\n${server.logTail()}`);
    }
  };
  console.log("");
  await measureRows(selected(ENDPOINT_NAMES));

  const extra: Pick<Parameters<typeof writeResults>[0], "pageLoad" | "plans" | "soak"> = {};
  if (flags.large) {
    const large = await timed(`Seeded a ticket with ${LARGE_TICKET_MESSAGES.toLocaleString("en")} messages, one with ${SHORT_TICKET_MESSAGES}, and ${INBOX_TICKETS.toLocaleString("en")} more tickets`, () => seedLargeData(database.url, data.agentId));
    Object.assign(endpoints, largeScenarios(large, token));
    for (const name of LARGE_ENDPOINT_NAMES) await preflight(server.baseUrl, name, endpoints[name] as Scenario);
    await measureRows(selected(LARGE_ENDPOINT_NAMES));
    extra.plans = await explainLargeQueries(database.url, large.largeTicketId, data.agentId);
    extra.pageLoad = await timed("The ticket page in Chromium", () => measurePageLoads(server.baseUrl, token, [
      { id: large.largeTicketId, messages: LARGE_TICKET_MESSAGES }, { id: large.shortTicketId, messages: SHORT_TICKET_MESSAGES },
    ]));
    for (const ticket of extra.pageLoad.firstMessages) {
      step(`Ticket page, ${ticket.ticketMessages.toLocaleString("en")} messages: first messages shown after ${ticket.medianMs} ms (median; runs ${ticket.runsMs.join(", ")} ms)`);
    }
  }
  await ceilingServer.stop();
  if ((flags.large || flags.soak) && flags.profile === undefined) {
    extra.soak = await timed(`Soak: ${SOAK_SECONDS} s of create`, () => soak(server, "create", endpoints.create as Scenario));
    const { rps, errors, rssBeforeMb, rssAfterMb, rssGrowthPercent } = extra.soak;
    step(`Soak: ${rps} req/s, ${errors} errors; server RSS (lowest in the first and the last 20 s) ${rssBeforeMb} MB before, ${rssAfterMb} MB after (${rssGrowthPercent > 0 ? "+" : ""}${rssGrowthPercent}%)`);
  }

  const results = { ...toResults({ read: medianOf(ceilingRounds.read), write: medianOf(ceilingRounds.write) }, rows), ...extra };
  printTable(results, { read: medianOf(ceilingRounds.read).errors, write: medianOf(ceilingRounds.write).errors });
  console.log(
    `\ncreate: a note with ticket_update.priority alternating high/normal, on the ${data.smallTicketIds.length} tickets ` +
      "other than the big one in turn. Ratios: the median of the rounds' (endpoint and ceiling measured in turn); reads " +
      "and floor against the read ceiling, create against the write ceiling. Ceilings: the median of all their rounds.",
  );
  if (flags.profile === undefined) await writeResults(results);
  else step("--profile: results.json left as it was.");
}

cleanupOnSignals();
const started = performance.now();
try {
  await run();
} catch (error) {
  console.error(`\nBench failed: ${(error as Error).message}`);
  process.exitCode = 1;
} finally {
  step("Stopping the server and the database…");
  await cleanup();
  step(`Run time ${((performance.now() - started) / 1000).toFixed(0)} s`);
}
process.exit();
