// What is loaded: the endpoints of CONTRACT §9 (with `floor`, and with --large the 1,000,000-message ticket's pages)
// and the two ceilings, each as an autocannon target, plus a check that each one answers as expected before it is
// measured.
import type { Target } from "./load.ts";
import type { BenchData } from "./seed.ts";
import { LARGE_TICKET_MESSAGES, SEARCH_WORD, type LargeData } from "./seed-large.ts";

export const ENDPOINT_NAMES = ["list_page1", "list_deep", "by_id", "create", "trpc_list", "floor"] as const;
export const LARGE_ENDPOINT_NAMES = ["large_page1", "large_last", "large_search"] as const;
export type EndpointName = (typeof ENDPOINT_NAMES)[number] | (typeof LARGE_ENDPOINT_NAMES)[number];

export interface Scenario {
  target: Target;
  /** Checks one answer (status and body) and throws when it is not what the load expects. */
  check: (status: number, body: unknown) => void;
}

const PAGE_SIZE = 50;
const DEEP_PAGE = 200;

function cycle<T>(values: T[], make: (value: T, index: number) => { path: string; body?: string }) {
  let index = 0;
  return () => {
    const current = index++;
    return make(values[current % values.length] as T, current);
  };
}

const fixed = (path: string) => () => ({ path });

/**
 * A `note` with a `ticket_update` (priority alternating high/normal) on each of the 999 other tickets in turn:
 * 10 connections rarely wait on the same ticket's row lock, so the create itself is measured.
 */
function createBodies(data: BenchData, path: string) {
  return cycle(data.smallTicketIds, (ticketId, index) => ({
    path,
    body: JSON.stringify({
      ticket_id: ticketId, type: "note", content: `<p>Bench note ${index}: checked the logs, nothing unusual.</p>`,
      ticket_update: { priority: index % 2 === 0 ? "high" : "normal" },
    }),
  }));
}

function expectList(expectedLength: number) {
  return (status: number, body: unknown) => {
    const list = body as { data?: unknown[]; pagination?: { total?: number } };
    if (status !== 200 || list.data?.length !== expectedLength || list.pagination?.total === undefined) {
      throw new Error(`expected 200 with ${expectedLength} messages, got ${status} ${JSON.stringify(body).slice(0, 300)}`);
    }
  };
}

function expectStatus(expected: number) {
  return (status: number, body: unknown) => {
    if (status !== expected) throw new Error(`expected ${expected}, got ${status} ${JSON.stringify(body).slice(0, 300)}`);
  };
}

const listPath = (ticketId: string, page: number) => `/helpdesk/api/messages?ticket_id=${ticketId}&page=${page}&limit=${PAGE_SIZE}`;

export function endpointScenarios(data: BenchData, token: string): Record<(typeof ENDPOINT_NAMES)[number], Scenario> {
  const bearer = { authorization: `Bearer ${token}` };
  const list = (page: number) => listPath(data.bigTicketId, page);
  // Plain JSON, as the console's links send it (tRPC runs without a transformer).
  const trpcInput = { ticket_id: data.bigTicketId, page: 1, limit: PAGE_SIZE, sort_order: "asc" };
  return {
    list_page1: { target: { headers: bearer, next: fixed(list(1)) }, check: expectList(PAGE_SIZE) },
    list_deep: { target: { headers: bearer, next: fixed(list(DEEP_PAGE)) }, check: expectList(PAGE_SIZE) },
    by_id: {
      target: { headers: bearer, next: cycle(data.sampleMessageIds, (id) => ({ path: `/helpdesk/api/messages/${id}` })) },
      check: expectStatus(200),
    },
    create: {
      target: { method: "POST", headers: { ...bearer, "content-type": "application/json" }, next: createBodies(data, "/helpdesk/api/messages") },
      check: expectStatus(201),
    },
    trpc_list: {
      // The console's session cookie; the REST token is the same next-auth session token.
      target: {
        headers: { cookie: `next-auth.session-token=${token}` },
        next: fixed(`/api/trpc/message.list?input=${encodeURIComponent(JSON.stringify(trpcInput))}`),
      },
      check: (status, body) => expectList(PAGE_SIZE)(status, (body as { result?: { data?: unknown } }).result?.data ?? body),
    },
    // The same server's cheapest answer: the front door's health check, no database.
    floor: { target: { next: fixed("/helpdesk/api/health") }, check: expectStatus(200) },
  };
}

/** `pnpm bench --large`: the 1,000,000-message ticket's first and last pages through GET /messages, and a search. */
export function largeScenarios(large: LargeData, token: string): Record<(typeof LARGE_ENDPOINT_NAMES)[number], Scenario> {
  const headers = { authorization: `Bearer ${token}` };
  const lastPage = Math.ceil(LARGE_TICKET_MESSAGES / PAGE_SIZE);
  return {
    large_page1: { target: { headers, next: fixed(listPath(large.largeTicketId, 1)) }, check: expectList(PAGE_SIZE) },
    large_last: { target: { headers, next: fixed(listPath(large.largeTicketId, lastPage)) }, check: expectList(PAGE_SIZE) },
    // GET /search for a word in a few of the 1,000,000 messages: one ticket found.
    large_search: { target: { headers, next: fixed(`/helpdesk/api/search?q=${SEARCH_WORD}`) }, check: expectList(1) },
  };
}

export function ceilingScenarios(data: BenchData): Record<"read" | "write", Scenario> {
  return {
    read: { target: { next: fixed(`/read?ticket_id=${data.bigTicketId}&page=1&limit=${PAGE_SIZE}`) }, check: expectList(PAGE_SIZE) },
    write: {
      target: { method: "POST", headers: { "content-type": "application/json" }, next: createBodies(data, "/write") },
      check: expectStatus(201),
    },
  };
}

/** Sends one request of the scenario and checks the answer; returns the body. */
export async function preflight(baseUrl: string, name: string, scenario: Scenario): Promise<unknown> {
  const { path, body } = scenario.target.next();
  const response = await fetch(baseUrl + path, { method: scenario.target.method ?? "GET", headers: scenario.target.headers, body });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // Kept as text for the message.
  }
  try {
    scenario.check(response.status, parsed);
  } catch (error) {
    throw new Error(`${name}: ${(error as Error).message}`);
  }
  return parsed;
}
