// Issue 9 item 9: property-based fuzzing of every REST route and every tRPC procedure through the real production
// server. Properties: never a 5xx; every answer has X-Request-Id; every non-2xx REST answer is the contract's
// envelope; every REST answer is one our own OpenAPI document describes. FUZZ_SEED replays a run.
import fc from "fast-check";
import { API_BASE_PATH } from "@helpdesk/rest";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { IdPool } from "./support/arbitraries.ts";
import { createFixture, createMailFixture, idPool, INBOUND_SECRET, releaseAddressBudgets } from "./support/fixtures.ts";
import { type Caller, type FuzzRequest, restRequests, TOKEN, trpcRequests } from "./support/fuzz-requests.ts";
import { envelopeProblems, type OpenApiDocument, openApiChecker } from "./support/openapi-check.ts";
import { procedureOf, procedures, type Route, routes } from "./support/procedures.ts";
import { header, jsonOf, type RawAnswer, send } from "./support/raw-http.ts";
import { type RunningServer, startServer } from "./support/server.ts";
import { createUser, signIn } from "./support/users.ts";

const SEED = Number(process.env.FUZZ_SEED ?? 20261129);
// About 4,000 requests in all; FUZZ_SCALE=0.1 for a quick look, 10 for a long night.
const SCALE = Number(process.env.FUZZ_SCALE ?? 1);
const REST_RUNS = Math.ceil((150 * SCALE));
const TRPC_RUNS = Math.ceil(80 * SCALE);
const SUBSCRIPTION_RUNS = Math.ceil(15 * SCALE);

const databaseUrl = inject("databaseUrl");
let server: RunningServer;
let pool: IdPool;
let checkAnswer: ReturnType<typeof openApiChecker>;
const emails = {} as Record<Caller, string>;
const tokens = {} as Record<Caller, string>;
const totals = { requests: 0, serverErrors: 0, envelopeFailures: 0, validationFailures: 0 };

beforeAll(async () => {
  console.log(`fuzz seed ${SEED} (replay with FUZZ_SEED=${SEED})`);
  server = await startServer({ databaseUrl, env: { HELPDESK_RATE_LIMIT_PER_MINUTE: "10000000", HELPDESK_MAX_UPLOAD_BYTES: "100000", HELPDESK_INBOUND_SECRET: INBOUND_SECRET } });
  for (const role of ["agent", "admin"] as const) {
    emails[role] = (await createUser(databaseUrl, role)).email;
    tokens[role] = await signIn(server.url, emails[role]);
  }
  // Someone for the admin's generated user updates to change: never the fuzzing callers themselves.
  const target = await createUser(databaseUrl, "viewer");
  pool = idPool(await createFixture(server.url, tokens.agent), [target.id], await createMailFixture(server.url, databaseUrl));
  const document = jsonOf(await send(server.url, { method: "GET", path: `${API_BASE_PATH}/openapi.json` })) as OpenApiDocument;
  checkAnswer = openApiChecker(document);
});

afterAll(async () => {
  console.log(
    `fuzz totals: ${totals.requests} requests fuzzed, ${totals.serverErrors} 5xx seen, ${totals.envelopeFailures} envelope failures, ` +
      `${totals.validationFailures} OpenAPI validation failures (seed ${SEED})`,
  );
  await server?.stop();
  await releaseAddressBudgets(databaseUrl);
});

/** Sends a generated request as its caller; a sign-out everywhere ends the caller's token, so it signs in again. */
async function sendAs(request: FuzzRequest, streamMs?: number): Promise<RawAnswer> {
  const headers = Object.fromEntries(Object.entries(request.headers ?? {}).map(([name, value]) => [name, value.replaceAll(TOKEN, tokens[request.as])]));
  const answer = await send(server.url, { ...request, headers }, streamMs);
  totals.requests++;
  if (answer.status >= 500) totals.serverErrors++;
  const signedOut = (request.method === "DELETE" && request.path.startsWith(`${API_BASE_PATH}/auth/session`)) || request.path.includes("auth.deleteSession");
  if (signedOut) tokens[request.as] = await signIn(server.url, emails[request.as]);
  return answer;
}

function fail(request: FuzzRequest, answer: RawAnswer, problems: string[]): never {
  throw new Error(`${problems.join("; ")}\n${request.method} ${request.path} → ${answer.status} ${answer.text.slice(0, 500)}`);
}

/** What every answer of every door must be. */
function commonProblems(answer: RawAnswer): string[] {
  const problems: string[] = [];
  if (answer.status >= 500) problems.push(`a ${answer.status}`);
  if (!header(answer, "x-request-id")) problems.push("no X-Request-Id");
  return problems;
}

const run = (property: fc.IAsyncProperty<[FuzzRequest]>, numRuns: number) => fc.assert(property, { seed: SEED, numRuns });

/** Sends a request meant for `route` and throws unless the answer is everything the contract and the document say. */
async function expectRestAnswer(route: Route, request: FuzzRequest) {
  const answer = await sendAs(request);
  const problems = commonProblems(answer);
  if (answer.status >= 300) {
    const envelope = envelopeProblems(answer);
    if (envelope.length > 0) totals.envelopeFailures++;
    problems.push(...envelope);
  }
  const documented = checkAnswer(route.method, API_BASE_PATH + route.path.replace(/:(\w+)/g, "{$1}"), answer);
  if (documented.length > 0) totals.validationFailures++;
  problems.push(...documented);
  if (problems.length > 0) fail(request, answer, problems);
}

describe("REST: every route of the table, as an agent and as an admin", () => {
  it.each(routes.map((route) => [`${route.method} ${route.path}`, route] as const))("%s", async (_, route) => {
    await run(fc.asyncProperty(restRequests(route, pool), (request) => expectRestAnswer(route, request)), REST_RUNS);
  });
});

const routeOf = (method: string, path: string) => routes.find((route) => route.method === method && route.path === path) as Route;
const auth = { authorization: `Bearer ${TOKEN}` };

// Each found by the properties above once, kept so that they stay fixed whatever the seed.
describe("REST: cases the fuzzer found", () => {
  it("a dot segment in a path is a 404 envelope, not Next.js's 308 redirect to another route", async () => {
    for (const path of ["/tickets/.", "/tickets/..", "/users/%2e", "/messages/.."]) {
      const template = path.startsWith("/tickets") ? "/tickets/:ticket_id" : path.startsWith("/users") ? "/users/:user_id" : "/messages/:message_id";
      const method = template === "/messages/:message_id" ? "GET" : "PATCH";
      await expectRestAnswer(routeOf(method, template), { method, path: API_BASE_PATH + path, headers: { ...auth, "content-type": "application/json" }, body: method === "GET" ? undefined : "{}", as: "agent" });
    }
  });

  it("a field named constructor (or __proto__) holding NUL or unknown is a 422 at that field, not a 500", async () => {
    for (const body of ['{"constructor":"\\u0000"}', '{"__proto__":"\\u0000"}', '{"constructor":1,"subject":"s","requester_email":"a@example.test"}']) {
      const route = body.includes("subject") ? routeOf("POST", "/tickets") : routeOf("POST", "/auth/session");
      await expectRestAnswer(route, { method: "POST", path: API_BASE_PATH + route.path, headers: { ...auth, "content-type": "application/json" }, body, as: "agent" });
    }
  });

  it("NUL in the query string of a route that takes an id is a documented 422", async () => {
    for (const [template, prefix] of [["/messages/:message_id", "msg"], ["/tickets/:ticket_id", "tkt"], ["/attachments/:attachment_id", "att"]] as const) {
      const path = `${API_BASE_PATH}${template.replace(/:\w+/, `${prefix}_abc`)}?x=%00`;
      await expectRestAnswer(routeOf("GET", template), { method: "GET", path, headers: auth, as: "agent" });
    }
  });
});

/** tRPC answers carry the contract's code in `data.appCode`; the front door's own refusals are the REST envelope. */
function trpcProblems(answer: RawAnswer): string[] {
  if (answer.status < 300 || String(header(answer, "content-type")).startsWith("text/event-stream")) return [];
  const body = jsonOf(answer);
  // The envelope's code is the contract's name; a tRPC error's is JSON-RPC's number.
  if (body && typeof body === "object" && "error" in body && typeof (body.error as { code?: unknown }).code === "string") return envelopeProblems(answer);
  const entries = (Array.isArray(body) ? body : [body]) as { error?: { data?: { appCode?: string } } }[];
  if (!entries.some((entry) => entry?.error)) return [`an error status without an error: ${answer.text.slice(0, 200)}`];
  return entries.flatMap((entry) => (entry?.error && !entry.error.data?.appCode ? ["a tRPC error without data.appCode"] : []));
}

describe("tRPC: cases the fuzzer found", () => {
  it("a method tRPC does not take is refused in JSON with the error's code, not with Next.js's empty 405", async () => {
    for (const method of ["PUT", "PATCH", "DELETE"]) {
      const request: FuzzRequest = { method, path: "/api/trpc/ticket.list", headers: auth, as: "agent" };
      const answer = await sendAs(request);
      const problems = [...commonProblems(answer), ...trpcProblems(answer)];
      if (answer.status < 400 || !answer.text) problems.push(`expected a JSON refusal, got ${answer.status}`);
      if (problems.length > 0) fail(request, answer, problems);
    }
  });
});

describe("tRPC: every procedure of the router, alone and in batches", () => {
  it("the router has procedures and the table maps to them", () => {
    expect(procedures.length).toBeGreaterThan(10);
    expect(routes.filter((route) => !route.public).every((route) => procedures.some((procedure) => procedure.path === procedureOf(route)))).toBe(true);
  });

  it.each(procedures.map((procedure) => [`${procedure.type} ${procedure.path}`, procedure] as const))("%s", async (_, procedure) => {
    const subscription = procedure.type === "subscription";
    await run(
      fc.asyncProperty(trpcRequests(procedure, procedures, pool), async (request) => {
        const answer = await sendAs(request, 100);
        const problems = [...commonProblems(answer), ...trpcProblems(answer)];
        if (problems.length > 0) fail(request, answer, problems);
      }),
      subscription ? SUBSCRIPTION_RUNS : TRPC_RUNS,
    );
  });
});
