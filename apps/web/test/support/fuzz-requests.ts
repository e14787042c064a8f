// Whole requests for the fuzzer, generated from the REST route table and the tRPC router. The caller's token is
// written as TOKEN and put in at send time, so a counterexample reads the same whoever ran it.
import fc from "fast-check";
import { API_BASE_PATH } from "@helpdesk/rest";
import { INBOUND_MEDIA_TYPE } from "@helpdesk/validators";
import { authorization, bodyFor, contentType, extraHeaders, type IdPool, junk, pathId, queryFor, uriText, wireBody } from "./arbitraries.ts";
import { INBOUND_SECRET } from "./fixtures.ts";
import type { Procedure, Route } from "./procedures.ts";
import type { RawRequest } from "./raw-http.ts";

export const TOKEN = "TOKEN";
export type Caller = "agent" | "admin";

export interface FuzzRequest extends RawRequest {
  as: Caller;
}

const PREFIX_OF_PARAM: Record<string, keyof IdPool> = { ticket_id: "tkt", message_id: "msg", user_id: "usr", attachment_id: "att", inbound_id: "inb" };
const caller = fc.constantFrom<Caller>("agent", "admin");

function withHeaders(
  base: fc.Arbitrary<Omit<FuzzRequest, "as" | "headers"> & { headers?: Record<string, string> }>,
  auth: fc.Arbitrary<string | undefined> = authorization(TOKEN),
): fc.Arbitrary<FuzzRequest> {
  return fc.record({ request: base, as: caller, auth, extra: extraHeaders }).map(({ request, as, auth, extra }) => {
    const headers: Record<string, string> = { ...extra, ...request.headers };
    if (auth !== undefined) headers.authorization = auth;
    return { ...request, headers, as };
  });
}

/** A multipart upload as a careless or hostile client writes it: odd names, wrong fields, broken framing. */
const multipart = fc
  .record({
    boundary: fc.constantFrom("fuzzboundary", "x", "----WebKitFormBoundary7MA4YWxkTrZu0gW"),
    declared: fc.constantFrom("fuzzboundary", "x", "----WebKitFormBoundary7MA4YWxkTrZu0gW", "", "other"),
    field: fc.constantFrom("file", "file", "files", "", "fi\u0000le"),
    filename: fc.oneof(fc.constantFrom("a.txt", "a\u0000.txt", "..\\..\\evil.html", "", "é💥.png", "x".repeat(400), "\ud800.bin"), fc.string({ maxLength: 20 })),
    type: fc.constantFrom("text/plain", "image/png", "text/html", "", "application/x-msdownload", "bogus"),
    content: fc.string({ unit: "binary", maxLength: 200 }),
    closed: fc.boolean(),
    mediaType: fc.constantFrom("multipart/form-data", "multipart/form-data", "multipart/mixed", "application/json", "text/plain"),
  })
  .map((part) => ({
    headers: { "content-type": `${part.mediaType}; boundary=${part.declared}` },
    body:
      `--${part.boundary}\r\nContent-Disposition: form-data; name="${part.field}"; filename="${part.filename}"\r\n` +
      `${part.type ? `Content-Type: ${part.type}\r\n` : ""}\r\n${part.content}\r\n${part.closed ? `--${part.boundary}--\r\n` : ""}`,
  }));

/**
 * A raw mail as a relay passes on whatever reached it: header lines mailers and robots write (some naming our own
 * messages and tickets, so that replies thread), half-formed ones, binary junk for a body, now and then another
 * media type.
 */
function rawMail(pool: IdPool) {
  const ours = fc.constantFrom(...pool.msg, ...pool.tkt).map((id) => `<${id}@localhost>`);
  const value = fc.oneof(
    fc.constantFrom(
      "Casey <casey@example.test>", "support@localhost", "support+tkt_x@localhost", "MAILER-DAEMON@example.test", "<>", "<a@b>", "",
      "=?utf-8?B?w6lsw6k=?=", "=?iso-2022-jp?B?GyRCJUYlOSVIGyhC?=", "multipart/mixed; boundary=x", "multipart/report; report-type=delivery-status; boundary=x",
      "text/html; charset=windows-1252", "base64", "quoted-printable", "auto-replied", "no", "bulk", "yes",
    ),
    ours,
    fc.string({ unit: "binary", maxLength: 40 }),
  );
  const name = fc.constantFrom(
    "From", "To", "Cc", "Sender", "Return-Path", "Subject", "Message-ID", "In-Reply-To", "References", "MIME-Version", "Content-Type",
    "Content-Transfer-Encoding", "Auto-Submitted", "X-Autoreply", "Precedence", "Action", "Diagnostic-Code",
  );
  const type = fc.oneof({ weight: 6, arbitrary: fc.constant(INBOUND_MEDIA_TYPE) }, { weight: 1, arbitrary: fc.constantFrom("Message/RFC822; charset=utf-8", "text/plain", "", "application/json") });
  return fc
    .record({ lines: fc.array(fc.tuple(name, value), { maxLength: 10 }), text: fc.string({ unit: "binary", maxLength: 300 }), type })
    .map(({ lines, text, type }) => ({ headers: { "content-type": type }, body: `${lines.map(([field, content]) => `${field}: ${content}`).join("\r\n")}\r\n\r\n${text}` }));
}

/** The relays' door opens to the inbound secret, so most requests carry it; the rest whatever other callers send. */
const relayAuthorization = fc.oneof({ weight: 4, arbitrary: fc.constant(`Bearer ${INBOUND_SECRET}`) }, { weight: 1, arbitrary: authorization(TOKEN) });

/** Requests aimed at one REST route: its path with generated ids, its query, its body, odd headers. */
export function restRequests(route: Route, pool: IdPool): fc.Arbitrary<FuzzRequest> {
  const segments = route.path.split("/").map((segment) => (segment.startsWith(":") ? pathId(pool, PREFIX_OF_PARAM[segment.slice(1)] ?? "tkt") : fc.constant(segment)));
  const query = route.method === "GET" ? queryFor(route.query, pool) : fc.option(queryFor(undefined, pool), { freq: 5, nil: "" });
  const body: fc.Arbitrary<{ body?: string; headers?: Record<string, string> }> = route.upload
    ? (route.upload === INBOUND_MEDIA_TYPE ? rawMail(pool) : multipart)
    : route.body
      ? fc.record({ body: bodyFor(route.body, pool).chain(wireBody), type: contentType }).map(({ body, type }) => ({ body, headers: { "content-type": type } }))
      : fc.option(fc.record({ body: wireBody({}) }), { freq: 8, nil: {} }).map((value) => value ?? {});
  return withHeaders(
    fc.record({ path: fc.tuple(...segments), query, body }).map(({ path, query, body }) => ({
      method: route.method,
      path: `${API_BASE_PATH}${path.join("/")}${query ? `?${query}` : ""}`,
      ...body,
    })),
    route.inboundSecret ? relayAuthorization : undefined,
  );
}

/** An input as the console writes it (plain JSON), or whatever a careless client sends instead (superjson's wrapping too). */
const procedureInput = (procedure: Procedure, pool: IdPool) =>
  fc.oneof(
    { weight: 6, arbitrary: bodyFor(procedure.input, pool) },
    { weight: 1, arbitrary: fc.record({ json: junk, meta: junk }, { requiredKeys: [] }) },
    { weight: 1, arbitrary: junk },
  );

/** Calls of one tRPC procedure over HTTP: alone or in a batch with others, the right method or the wrong one. */
export function trpcRequests(procedure: Procedure, all: Procedure[], pool: IdPool): fc.Arbitrary<FuzzRequest> {
  const others = fc.array(fc.constantFrom(...all), { maxLength: 24 });
  const method = fc.oneof({ weight: 8, arbitrary: fc.constant(procedure.type === "mutation" ? "POST" : "GET") }, { weight: 1, arbitrary: fc.constantFrom("GET", "POST", "PUT", "DELETE") });
  const single = fc.record({ method, input: procedureInput(procedure, pool), wire: fc.boolean() }).chain(({ method, input, wire }) =>
    (wire ? fc.constant(JSON.stringify(input) ?? "") : wireBody(input)).map((text) => call(method, procedure.path, text, false)),
  );
  const batch = fc.record({ method, more: others }).chain(({ method, more }) => {
    const batched = [procedure, ...more];
    return fc.tuple(...batched.map((entry) => procedureInput(entry, pool))).map((inputs) =>
      call(method, batched.map((entry) => entry.path).join(","), JSON.stringify(Object.fromEntries(inputs.map((input, index) => [index, input]))), true),
    );
  });
  const chosen = procedure.type === "subscription" ? single : fc.oneof({ weight: 3, arbitrary: single }, { weight: 1, arbitrary: batch });
  return withHeaders(chosen.chain((request) => contentType.map((type) => ({ ...request, headers: request.body === undefined ? {} : { "content-type": type } }) as Omit<RawRequest, "headers"> & { headers: Record<string, string> })));
}

function call(method: string, paths: string, input: string, batch: boolean): Omit<RawRequest, "headers"> {
  const params = [batch ? "batch=1" : "", method === "GET" ? `input=${uriText(input)}` : ""].filter(Boolean).join("&");
  return { method, path: `/api/trpc/${paths}${params ? `?${params}` : ""}`, body: method === "GET" ? undefined : input };
}
