// Issue 9 item 9: the authorization matrix, generated from the REST route table and the tRPC router. Every route and
// every procedure is called signed out and as a viewer, an agent and an admin with an input valid enough to meet the
// role check: signed out → 401 UNAUTHORIZED, below the minimum role → 403 FORBIDDEN, the minimum or higher → neither.
import { API_BASE_PATH } from "@helpdesk/rest";
import { INBOUND_MEDIA_TYPE, ROLE_RANK, type TRole } from "@helpdesk/validators";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createFixture, createMailFixture, type Fixture, INBOUND_SECRET, releaseAddressBudgets } from "./support/fixtures.ts";
import { type Procedure, procedureOf, procedures, type Route, routes } from "./support/procedures.ts";
import { jsonOf, type RawAnswer, type RawRequest, send } from "./support/raw-http.ts";
import { type KnownValues, sampleFor } from "./support/samples.ts";
import { type RunningServer, startServer } from "./support/server.ts";
import { createUser, PASSWORD, signIn } from "./support/users.ts";

/**
 * Procedures that no REST route runs, and the least role each needs. Every other procedure takes its role from the
 * route that mirrors it; a procedure in neither place fails the test, so none can escape the matrix.
 */
const UNMIRRORED_PROCEDURES: Record<string, TRole> = {
  "user.directory": "viewer",
  "outbox.list": "agent",
  "message.onCreated": "viewer",
  "ticket.onChanged": "viewer",
  "presence.watch": "viewer",
  "presence.inbox": "viewer",
  "presence.typing": "agent",
};

/**
 * Procedures that, past the role check, also refuse anyone but the author with 403 (CONTRACT §12: undo is its author's
 * alone). The matrix's sample is nobody's own message: for these a refusal naming the author counts as the role
 * check passed.
 */
const AUTHOR_ONLY = new Set(["message.undo"]);

type Caller = "signed out" | TRole;
/** The relays' door answers to HELPDESK_INBOUND_SECRET alone: no session token, not even an admin's, opens it. */
const SECRET_ONLY = "inbound secret";
type Minimum = TRole | null | typeof SECRET_ONLY;
const CALLERS: Caller[] = ["signed out", "viewer", "agent", "admin"];

const databaseUrl = inject("databaseUrl");
let server: RunningServer;
let fixture: Fixture;
let known: KnownValues;
const emails = {} as Record<TRole, string>;
const tokens = {} as Record<TRole, string>;
let checks = 0;

beforeAll(async () => {
  server = await startServer({ databaseUrl, env: { HELPDESK_RATE_LIMIT_PER_MINUTE: "100000", HELPDESK_INBOUND_SECRET: INBOUND_SECRET } });
  for (const role of ["viewer", "agent", "admin"] as const) {
    emails[role] = (await createUser(databaseUrl, role)).email;
    tokens[role] = await signIn(server.url, emails[role]);
  }
  fixture = await createFixture(server.url, tokens.agent);
  // Updates go to a user of their own, never to a caller of the matrix.
  const target = await createUser(databaseUrl, "viewer");
  // A message that came by mail, so that its original is there for the roles allowed to read it.
  const mail = await createMailFixture(server.url, databaseUrl);
  known = {
    ticket_id: fixture.ticketId, message_id: mail.messageId, attachment_id: fixture.attachmentId, user_id: target.id,
    inbound_id: mail.inboundId, email: emails.viewer, password: PASSWORD,
    // The relays' procedure gets past its input check to the secret (the body stream cannot travel over tRPC).
    body: null,
  };
});

afterAll(async () => {
  console.log(`authorization matrix: ${checks} route×role and procedure×role checks (${routes.length} routes, ${procedures.length} procedures × ${CALLERS.length} callers)`);
  await server?.stop();
  await releaseAddressBudgets(databaseUrl);
});

/** The least role a procedure needs: its route's, or the table's; null for a public one; undefined when nobody says. */
function minimumRole(procedure: Procedure): Minimum | undefined {
  const route = routes.find((candidate) => procedureOf(candidate) === procedure.path);
  if (route) return routeMinimum(route);
  return UNMIRRORED_PROCEDURES[procedure.path];
}

const routeMinimum = (route: Route): Minimum => (route.inboundSecret ? SECRET_ONLY : route.public ? null : (route.role ?? null));

function expected(caller: Caller, minimum: Minimum): "UNAUTHORIZED" | "FORBIDDEN" | "allowed" {
  if (minimum === null) return "allowed";
  if (minimum === SECRET_ONLY) return "UNAUTHORIZED";
  if (caller === "signed out") return "UNAUTHORIZED";
  return ROLE_RANK[caller] < ROLE_RANK[minimum] ? "FORBIDDEN" : "allowed";
}

/** The contract code of a refusal (REST envelope, tRPC error or a live stream's error event), or "allowed". */
function outcome(answer: RawAnswer): string {
  const streamed = /^data: (.*)$/m.exec(answer.text.split("event: serialized-error")[1] ?? "")?.[1];
  const body = (streamed ? JSON.parse(streamed) : jsonOf(answer)) as Record<string, any> | undefined;
  // tRPC error answer (its `error.code` is JSON-RPC's number), a stream's error event, or the REST envelope.
  const code = body?.error?.data?.appCode ?? body?.data?.appCode ?? body?.error?.code;
  if (code === "UNAUTHORIZED" || code === "FORBIDDEN") return code;
  if (answer.status === 401 || answer.status === 403) return `${answer.status} ${answer.text.slice(0, 200)}`;
  return "allowed";
}

async function check(caller: Caller, minimum: Minimum, request: RawRequest, procedure: string | null): Promise<string | null> {
  const headers = { ...request.headers, ...(caller === "signed out" ? {} : { authorization: `Bearer ${tokens[caller]}` }) };
  const answer = await send(server.url, { ...request, headers }, 500);
  checks++;
  // Signing out everywhere ends the caller's token: the next check needs a new one.
  if (procedure === "auth.deleteSession" && caller !== "signed out") tokens[caller] = await signIn(server.url, emails[caller]);
  const want = expected(caller, minimum);
  const got = outcome(answer);
  if (want === "allowed" && got === "FORBIDDEN" && procedure && AUTHOR_ONLY.has(procedure) && answer.text.includes("Only its author")) return null;
  return got === want ? null : `${caller}: expected ${want}, got ${got} (${answer.status})`;
}

function restRequest(route: Route): RawRequest {
  const params = route.params ? (sampleFor(route.params, known) as Record<string, string>) : {};
  const path = API_BASE_PATH + route.path.replace(/:(\w+)/g, (_, name: string) => encodeURIComponent(params[name] ?? ""));
  if (route.upload === INBOUND_MEDIA_TYPE) {
    const mail = "From: Casey <casey@example.test>\r\nTo: support@localhost\r\nSubject: Matrix\r\n\r\nHello\r\n";
    return { method: route.method, path, headers: { "content-type": INBOUND_MEDIA_TYPE }, body: mail };
  }
  if (route.upload) {
    const form = `--b\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\nContent-Type: text/plain\r\n\r\nhello\r\n--b--\r\n`;
    return { method: route.method, path, headers: { "content-type": "multipart/form-data; boundary=b" }, body: form };
  }
  if (route.method === "GET") {
    const query = new URLSearchParams(route.query ? (sampleFor(route.query, known) as Record<string, string>) : {}).toString();
    return { method: "GET", path: query ? `${path}?${query}` : path };
  }
  const body = route.body ? sampleFor(route.body, known) : undefined;
  return { method: route.method, path, headers: body === undefined ? {} : { "content-type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) };
}

function trpcRequest(procedure: Procedure): RawRequest {
  const input = JSON.stringify(procedure.input ? sampleFor(procedure.input, known) : null);
  const path = `/api/trpc/${procedure.path}`;
  if (procedure.type === "mutation") return { method: "POST", path, headers: { "content-type": "application/json" }, body: input };
  return { method: "GET", path: `${path}?input=${encodeURIComponent(input)}` };
}

describe("authorization matrix", () => {
  it("every procedure is mirrored by a route or named in UNMIRRORED_PROCEDURES, not both", () => {
    const mirrored = new Set(routes.map(procedureOf));
    const escaped = procedures.filter((procedure) => !mirrored.has(procedure.path) && !(procedure.path in UNMIRRORED_PROCEDURES));
    expect(escaped.map((procedure) => procedure.path), "procedures without a minimum role: add them to UNMIRRORED_PROCEDURES").toEqual([]);
    const both = Object.keys(UNMIRRORED_PROCEDURES).filter((path) => mirrored.has(path) || !procedures.some((procedure) => procedure.path === path));
    expect(both, "entries of UNMIRRORED_PROCEDURES that a route mirrors, or that no longer exist").toEqual([]);
  });

  it.each(routes.map((route) => [`${route.method} ${route.path}`, route] as const))("REST %s", async (_, route) => {
    const failures: string[] = [];
    for (const caller of CALLERS) {
      const failure = await check(caller, routeMinimum(route), restRequest(route), procedureOf(route));
      if (failure) failures.push(failure);
    }
    if (route.inboundSecret) {
      const request = restRequest(route);
      const answer = await send(server.url, { ...request, headers: { ...request.headers, authorization: `Bearer ${INBOUND_SECRET}` } }, 500);
      checks++;
      if (answer.status !== 202) failures.push(`the inbound secret: expected 202, got ${answer.status} ${answer.text.slice(0, 200)}`);
    }
    expect(failures).toEqual([]);
  });

  it.each(procedures.map((procedure) => [`${procedure.type} ${procedure.path}`, procedure] as const))("tRPC %s", async (_, procedure) => {
    const minimum = minimumRole(procedure);
    expect(minimum, `${procedure.path} has no minimum role`).not.toBeUndefined();
    const failures: string[] = [];
    for (const caller of CALLERS) {
      const failure = await check(caller, minimum ?? null, trpcRequest(procedure), procedure.path);
      if (failure) failures.push(failure);
    }
    expect(failures).toEqual([]);
  });
});
