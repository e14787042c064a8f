// fast-check arbitraries for hostile and careless requests: values shaped by the zod schemas the server validates
// with (so many requests get past validation and reach the business rules) mixed with junk that must be refused.
import fc from "fast-check";
import { z } from "zod";

/** Real ids of rows in the database under test, by prefix, so generated requests also hit existing records. */
export type IdPool = Record<"tkt" | "msg" | "usr" | "att" | "inb", string[]>;

const unstorable = fc.constantFrom("\u0000", "a\u0000b", "\ud800", "x\udfffy", "\ud83d", "\u0000\ud800");
const oddText = fc.constantFrom(
  "", " ", "\t\n", "💥🧨", "\u202eevil", "ǅ", "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "' OR 1=1 --",
  "%00", "../../etc/passwd", "null", "undefined", "__proto__", "constructor", "tkt_", "msg_ABC", "usr_0", "𝕳𝖊𝖑𝖑𝖔",
);
const anyText = fc.oneof(
  { weight: 4, arbitrary: fc.string({ unit: "binary", maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: "grapheme", maxLength: 40 }) },
  { weight: 2, arbitrary: unstorable },
  { weight: 2, arbitrary: oddText },
  { weight: 1, arbitrary: fc.integer({ min: 250, max: 3000 }).map((length) => "x".repeat(length)) },
);
const oddNumber = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.constantFrom(-1, 0, 1, 2 ** 31, 2 ** 53 + 2, -(2 ** 63), 1e308, -1e308, 5e-324, 1.5, -0),
);

/** Anything JSON can carry, nested (deeply at times) and in the wrong places. */
export const junk: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    anyText,
    oddNumber,
    fc.boolean(),
    fc.constant(null),
    fc.array(tie("value"), { maxLength: 4 }),
    fc.dictionary(anyText, tie("value"), { maxKeys: 4 }),
    fc.integer({ min: 20, max: 400 }).map((depth) => nested(depth)),
  ),
})).value;

function nested(depth: number): unknown {
  let value: unknown = "bottom";
  for (let i = 0; i < depth; i++) value = i % 2 ? [value] : { deeper: value };
  return value;
}

const examplesOf = (schema: z.ZodType): unknown[] => {
  const examples = z.globalRegistry.get(schema)?.examples;
  return Array.isArray(examples) ? examples : [];
};

/** A value for one field: mostly what the schema expects (ids from the pool by field name), sometimes junk. */
function plausible(schema: z.ZodType, key: string, pool: IdPool, depth: number): fc.Arbitrary<unknown> {
  const def = (schema as unknown as { _zod: { def: Record<string, unknown> & { type: string } } })._zod.def;
  const inner = (name: string) => plausible(def[name] as z.ZodType, key, pool, depth);
  const prefix = /(?:^|_)(ticket|message|user|attachment|assignee|inbound)_?id$/.exec(key)?.[1];
  const poolIds = prefix ? pool[({ ticket: "tkt", message: "msg", user: "usr", assignee: "usr", attachment: "att", inbound: "inb" } as const)[prefix as "ticket"]] : [];
  switch (def.type) {
    case "object":
      return depth > 3 ? fc.constant({}) : objectFor(schema, pool, depth + 1);
    case "optional":
    case "nullable":
    case "default":
    case "readonly":
    case "catch":
      return fc.oneof(inner("innerType"), fc.constantFrom(undefined, null));
    case "pipe":
      return inner("in");
    case "union":
      return fc.oneof(...(def.options as z.ZodType[]).map((option) => plausible(option, key, pool, depth)));
    case "intersection":
      return fc.oneof(inner("left"), inner("right"));
    case "enum":
      return fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...Object.values(def.entries as object)) }, { weight: 1, arbitrary: anyText });
    case "literal":
      return fc.constantFrom(...(def.values as unknown[]));
    case "array":
      return depth > 3 ? fc.constant([]) : fc.array(plausible(def.element as z.ZodType, key, pool, depth + 1), { maxLength: 5 });
    case "boolean":
      return fc.oneof(fc.boolean(), fc.constantFrom("true", 1, 0));
    case "number":
      return fc.oneof(fc.integer({ min: -5, max: 120 }), oddNumber, fc.constantFrom("1", "02", "1e3", "0x10", ""));
    case "string": {
      const known = [...examplesOf(schema), ...poolIds, "casey@example.com", "Sample text"];
      return fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...known) }, { weight: 3, arbitrary: anyText });
    }
    default:
      return junk;
  }
}

/** An object with the schema's keys (some left out, some junk) and now and then keys it does not know. */
function objectFor(schema: z.ZodType, pool: IdPool, depth: number): fc.Arbitrary<Record<string, unknown>> {
  const shape = (schema as unknown as { shape?: Record<string, z.ZodType> }).shape ?? {};
  const fields = Object.fromEntries(
    Object.entries(shape).map(([key, field]) => [key, fc.oneof({ weight: 6, arbitrary: plausible(field, key, pool, depth) }, { weight: 1, arbitrary: junk })]),
  );
  return fc
    .tuple(fc.record(fields, { requiredKeys: [] }), fc.option(fc.dictionary(anyText, junk, { maxKeys: 3 }), { freq: 6 }))
    .map(([known, extra]) => ({ ...(extra ?? {}), ...known }));
}

/** A body for a schema: usually an object shaped like it, sometimes any JSON value in its place. */
export function bodyFor(schema: z.ZodType | undefined, pool: IdPool): fc.Arbitrary<unknown> {
  const shaped = schema ? objectOrUnwrapped(schema, pool) : fc.dictionary(anyText, junk, { maxKeys: 3 });
  return fc.oneof({ weight: 5, arbitrary: shaped }, { weight: 1, arbitrary: junk });
}

function objectOrUnwrapped(schema: z.ZodType, pool: IdPool): fc.Arbitrary<unknown> {
  const def = (schema as unknown as { _zod: { def: { type: string; left?: z.ZodType; right?: z.ZodType } } })._zod.def;
  // message.create's input is the body `.and()` the idempotency key: both halves' keys belong in one object.
  if (def.type === "intersection" && def.left && def.right) {
    return fc.tuple(objectOrUnwrapped(def.left, pool), objectOrUnwrapped(def.right, pool)).map(([a, b]) => ({ ...(b as object), ...(a as object) }));
  }
  return def.type === "object" ? objectFor(schema, pool, 0) : plausible(schema, "", pool, 0);
}

/** Text on the wire for a JSON body: mostly JSON, sometimes broken or empty. */
export const wireBody = (value: unknown): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 8, arbitrary: fc.constant(JSON.stringify(value) ?? "null") },
    { weight: 1, arbitrary: fc.constantFrom("", "{", "{\"a\":}", "[1,2", "\u0000", "{\"a\":\"\\ud800\"}", "nul", "{}}") },
    { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 60 }) },
  );

// A lone surrogate cannot be percent-encoded (a URL carries UTF-8), so it travels as U+FFFD; `\u0000` does travel.
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Any value as percent-encoded text: strings as they are, anything else as its JSON. */
export const uriText = (value: unknown) =>
  encodeURIComponent((typeof value === "string" ? value : (JSON.stringify(value) ?? "undefined")).replace(LONE_SURROGATE, "\ufffd"));

/** A path segment: a real id, a well-formed unknown one, or junk (percent-encoded, or broken encoding as is). */
export function pathId(pool: IdPool, prefix: keyof IdPool): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...pool[prefix]) },
    { weight: 2, arbitrary: fc.stringMatching(/^[0-9a-z]{1,30}$/).map((suffix) => `${prefix}_${suffix}`) },
    { weight: 3, arbitrary: anyText.filter((text) => text.length > 0).map(uriText) },
    { weight: 2, arbitrary: fc.constantFrom("%00", "tkt_%00", "%E0%A4%A", "%ZZ", "%", "%C0%AF", "%2F", "..", ".", "%20", "%ED%A0%80", "a%0Ab") },
    { weight: 1, arbitrary: fc.integer({ min: 201, max: 5000 }).map((length) => `${prefix}_${"a".repeat(length)}`) },
  );
}

/** A query string for a schema: its keys with plausible or junk values, raw garbage now and then. */
export function queryFor(schema: z.ZodType | undefined, pool: IdPool): fc.Arbitrary<string> {
  const encoded = bodyFor(schema, pool).map((value) => {
    if (value === null || typeof value !== "object" || Array.isArray(value)) return `q=${uriText(value)}`;
    return Object.entries(value)
      .map(([key, field]) => `${uriText(key)}=${uriText(field)}`)
      .join("&");
  });
  return fc.oneof(
    { weight: 6, arbitrary: encoded },
    { weight: 1, arbitrary: fc.constantFrom("", "%", "page=%ZZ", "limit=%00", "a[b][c]=1", "page=1&page=2", "&&&=", "q=%ED%A0%80", "ticket_id") },
  );
}

// Header values travel as latin1: Node refuses control characters in them, so junk is kept to what a client can send.
const headerText = fc.oneof(
  fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((code) => String.fromCharCode(code)), maxLength: 40 }),
  fc.string({ unit: fc.integer({ min: 0xa0, max: 0xff }).map((code) => String.fromCharCode(code)), maxLength: 10 }),
  fc.integer({ min: 256, max: 2000 }).map((length) => "k".repeat(length)),
);

export const contentType = fc.oneof(
  { weight: 8, arbitrary: fc.constant("application/json") },
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      "application/json; charset=utf-8", "APPLICATION/JSON", "application/json;charset=latin1", "text/plain", "application/x-www-form-urlencoded",
      "multipart/form-data; boundary=x", "application/jsonx", "", "*/*", "application/json, text/plain",
    ),
  },
  { weight: 1, arbitrary: headerText },
);

/** Authorization for a signed-in caller: usually its token, sometimes garbage (which must be a 401, never a 500). */
export const authorization = (token: string): fc.Arbitrary<string | undefined> =>
  fc.oneof(
    { weight: 12, arbitrary: fc.constant(`Bearer ${token}`) },
    {
      weight: 2,
      arbitrary: fc.constantFrom(
        undefined, "Bearer", "Bearer ", `bearer ${token}`, `Bearer ${token}x`, "Basic YWRtaW46YWRtaW4=",
        `Bearer ${"a".repeat(5000)}`, "Bearer a.b.c", "Bearer eyJhbGciOiJub25lIn0.e30.", `Bearer ${token} ${token}`,
      ),
    },
    { weight: 1, arbitrary: headerText.map((text) => `Bearer ${text}`) },
  );

/** Extra request headers a careless or hostile client sends. */
export const extraHeaders = fc.record(
  {
    "idempotency-key": headerText,
    "x-request-id": headerText,
    "x-forwarded-for": fc.constantFrom("1.2.3.4", "::1, 10.0.0.1", "garbage", "999.999.999.999"),
    accept: fc.constantFrom("application/json", "text/html", "*/*", "text/event-stream"),
  },
  { requiredKeys: [] },
);
