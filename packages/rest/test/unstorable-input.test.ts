// CONTRACT section 4: text PostgreSQL cannot store (NUL, lone UTF-16 surrogates) is a 422 at its field, or a 404 in a
// path, never a 500. The cases are generated from the route table, so a new route or field cannot escape them.
import { describe, expect, it } from "vitest";
import { inputWith, stringFieldPaths, UNSTORABLE_SAMPLES, unstorableIssue } from "../../api/test/support/string-fields.ts";
import { routes } from "../src/routes.ts";
import { call, useApi } from "./support/api.ts";
import { expectError } from "./support/fixtures.ts";
import { send, storedFiles } from "./support/uploads.ts";

const { api, users: [admin] } = useApi({ roles: ["admin"] });

const samples = Object.entries(UNSTORABLE_SAMPLES);
const fieldCases = (kind: "body" | "query") =>
  routes.flatMap((route) => {
    const schema = route[kind];
    if (!schema) return [];
    return stringFieldPaths(schema).flatMap((path) => samples.map(([name, text]) => ({ route, path, name, text })));
  });
const label = (route: { method: string; path: string }) => `${route.method} ${route.path}`;

function expectRefusedAt(response: { status: number; body: any }, field: string) {
  expectError(response as never, 422, "VALIDATION_ERROR");
  expect(response.body.error.details, JSON.stringify(response.body)).toEqual({ [field]: [unstorableIssue] });
}

describe("body fields", () => {
  const cases = fieldCases("body");
  it("covers every route with a JSON body", () => {
    const withBody = routes.filter((route) => route.body).map(label);
    expect(new Set(cases.map((c) => label(c.route)))).toEqual(new Set(withBody));
    expect(cases.map((c) => `${label(c.route)} ${c.path.join(".")}`)).toEqual(
      expect.arrayContaining(["POST /messages content", "POST /messages ccs.0.email", "POST /messages ticket_update.status", "POST /tickets subject"]),
    );
  });

  it.each(cases.map((c) => ({ ...c, name: `${label(c.route)}: ${c.name} in ${c.path.join(".")}` })))("$name is a 422 at that field", async ({ route, path, text }) => {
    const url = route.path.replace(/:\w+/g, "tkt_0");
    const response = await call(api, route.method, url, { token: admin.token, body: inputWith(path, text) });
    expectRefusedAt(response, path.join("."));
  });

  const routesWithBody = routes.filter((route) => route.body);
  it.each(routesWithBody.flatMap((route) => samples.map(([sample, text]) => ({ route, text, name: `${label(route)}: ${sample}` }))))(
    "$name in a field name is a 422 naming it",
    async ({ route, text }) => {
      const url = route.path.replace(/:\w+/g, "tkt_0");
      const response = await call(api, route.method, url, { token: admin.token, body: { ticket_update: { [`x${text}`]: 1 } } });
      expectError(response, 422, "VALIDATION_ERROR");
      expect(response.body.error.details[`ticket_update.x${text.replace(/[\u0000\uD800]/, "\uFFFD")}`]).toHaveLength(1);
    },
  );
});

describe("query strings", () => {
  // A URL carries bytes: a lone surrogate cannot be written in one (its UTF-8 decodes to U+FFFD), NUL can.
  const cases = fieldCases("query").filter((c) => c.name === "NUL");
  it("covers every route with a query", () => {
    expect(new Set(cases.map((c) => label(c.route)))).toEqual(new Set(routes.filter((route) => route.query).map(label)));
    expect(cases.map((c) => `${label(c.route)} ${c.path.join(".")}`)).toEqual(expect.arrayContaining(["GET /tickets q", "GET /messages ticket_id"]));
  });

  it.each(cases.map((c) => ({ ...c, name: `${label(c.route)}?${c.path.join(".")}=…NUL…` })))("$name is a 422 at that field", async ({ route, path, text }) => {
    const response = await call(api, route.method, `${route.path}?${new URLSearchParams({ [path.join(".")]: text })}`, { token: admin.token });
    expectRefusedAt(response, path.join("."));
  });
});

describe("path ids", () => {
  const withParams = routes.filter((route) => /:\w+/.test(route.path));
  // %00 decodes to NUL; %ED%A0%80 is the UTF-8 form of a lone surrogate, which no decoder accepts.
  const cases = withParams.flatMap((route) =>
    ["bad%00id", "%00", "bad%ED%A0%80id"].map((id) => ({ route, id, name: `${route.method} ${route.path.replace(/:\w+/g, id)}` })),
  );

  it.each(cases)("$name is a 404", async ({ route, id }) => {
    const body = route.body ? {} : undefined;
    const response = await call(api, route.method, route.path.replace(/:\w+/g, id), { token: admin.token, body });
    expectError(response, 404, "NOT_FOUND");
  });
});

describe("upload file names", () => {
  const multipart = (disposition: string) =>
    `--b\r\nContent-Disposition: form-data; name="file"; ${disposition}\r\nContent-Type: text/plain\r\n\r\nhello\r\n--b--\r\n`;

  it.each([
    ["NUL", "filename*=utf-8''bad%00name.txt"],
    ["a lone surrogate", "filename*=utf-16le''%00%D8"],
  ])("%s in the file name is a 422 at `file`, and nothing is stored", async (_name, disposition) => {
    expect(routes.filter((route) => route.upload === "multipart/form-data").map(label)).toEqual(["POST /attachments"]);
    const before = await storedFiles();
    const response = await send(api, admin.token, multipart(disposition), { "content-type": "multipart/form-data; boundary=b" });
    expectRefusedAt(response, "file");
    expect(await storedFiles()).toEqual(before);
  });

  it("a storable name is still accepted", async () => {
    const response = await send(api, admin.token, multipart("filename*=utf-8''good%F0%9F%8E%AB.txt"), {
      "content-type": "multipart/form-data; boundary=b",
    });
    expect(response.status).toBe(201);
    expect(response.body.name).toBe("good🎫.txt");
  });
});
