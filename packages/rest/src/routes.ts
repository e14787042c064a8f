// The REST surface: each route names the procedure it runs. Inputs are the path parameters merged with the query
// string (GET) or the JSON body; validation, roles and business rules all live in the procedures.
import type { createCaller } from "@helpdesk/api";

type Caller = ReturnType<typeof createCaller>;
type Input = Record<string, unknown>;

export interface Route {
  method: "GET" | "POST" | "PATCH" | "DELETE";
  path: string;
  body?: boolean;
  status?: number;
  call: (caller: Caller, input: Input) => Promise<unknown>;
  location?: (result: { id: string }) => string;
  /** Request headers that become input fields, e.g. Idempotency-Key → idempotency_key. */
  headers?: Record<string, string>;
}

// Procedure inputs are validated by the procedures themselves; the casts only hand the raw input over.
const raw = <T>(input: Input) => input as T;

export const routes: Route[] = [
  { method: "POST", path: "/auth/session", body: true, status: 201, call: (c, i) => c.auth.createSession(raw(i)) },
  { method: "DELETE", path: "/auth/session", status: 204, call: (c) => c.auth.deleteSession() },
  { method: "GET", path: "/messages", call: (c, i) => c.message.list(raw(i)) },
  { method: "GET", path: "/messages/:message_id", call: (c, i) => c.message.byId(raw(i)) },
  {
    method: "POST", path: "/messages", body: true, status: 201, call: (c, i) => c.message.create(raw(i)),
    location: (m) => `/messages/${m.id}`, headers: { "idempotency-key": "idempotency_key" },
  },
  { method: "GET", path: "/tickets", call: (c, i) => c.ticket.list(raw(i)) },
  { method: "POST", path: "/tickets", body: true, status: 201, call: (c, i) => c.ticket.create(raw(i)), location: (t) => `/tickets/${t.id}` },
  { method: "GET", path: "/tickets/:ticket_id", call: (c, i) => c.ticket.byId(raw(i)) },
  { method: "PATCH", path: "/tickets/:ticket_id", body: true, call: (c, i) => c.ticket.update(raw(i)) },
  { method: "GET", path: "/users/me", call: (c) => c.user.me() },
  { method: "GET", path: "/users", call: (c, i) => c.user.list(raw(i)) },
  { method: "POST", path: "/users", body: true, status: 201, call: (c, i) => c.user.create(raw(i)), location: (u) => `/users/${u.id}` },
  { method: "PATCH", path: "/users/:user_id", body: true, call: (c, i) => c.user.update(raw(i)) },
];

export interface RouteMatch {
  route: Route;
  params: Record<string, string>;
}

function matchPath(pattern: string, path: string): Record<string, string> | null {
  const expected = pattern.split("/");
  const actual = path.split("/");
  if (expected.length !== actual.length) return null;
  const params: Record<string, string> = {};
  for (const [index, segment] of expected.entries()) {
    const value = actual[index] ?? "";
    if (segment.startsWith(":")) {
      if (!value) return null;
      params[segment.slice(1)] = decodeURIComponent(value);
    } else if (segment !== value) {
      return null;
    }
  }
  return params;
}

/** The route for a method and path, or which methods the path allows when the method is not one of them. */
export function findRoute(method: string, path: string): RouteMatch | { allowed: string[] } | null {
  const normalized = path.length > 1 ? path.replace(/\/+$/, "") : path;
  const matches = routes.flatMap((route) => {
    const params = matchPath(route.path, normalized);
    return params ? [{ route, params }] : [];
  });
  if (matches.length === 0) return null;
  // A literal segment wins over a parameter: `/users/me` is never user "me".
  const fewestParams = Math.min(...matches.map((match) => Object.keys(match.params).length));
  const candidates = matches.filter((match) => Object.keys(match.params).length === fewestParams);
  const match = candidates.find((candidate) => candidate.route.method === method);
  return match ?? { allowed: [...new Set(candidates.map((candidate) => candidate.route.method))] };
}
