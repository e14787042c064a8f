// CONTRACT section 4: the error envelope and the transport-level codes.
import { describe, expect, it } from "vitest";
import { call, signInAs, useApi } from "./support/api.ts";
import { expectError } from "./support/fixtures.ts";

const { api, users: [admin] } = useApi({ roles: ["admin"] });

describe("error envelope", () => {
  it("404 for an unknown route, whoever asks", async () => {
    expectError(await call(api, "GET", "/nothing-here"), 404, "NOT_FOUND");
    expectError(await call(api, "GET", "/users/me/extra", { token: admin.token }), 404, "NOT_FOUND");
  });

  it("404 for a path whose percent-encoding is broken", async () => {
    expectError(await call(api, "GET", "/messages/msg_%E0%A4%A", { token: admin.token }), 404, "NOT_FOUND");
    expectError(await call(api, "GET", "/tickets/%ZZ", { token: admin.token }), 404, "NOT_FOUND");
  });

  it("405 with Allow for a known route and a wrong method", async () => {
    const response = await call(api, "PUT", "/users/me", { token: admin.token, body: {} });
    expectError(response, 405, "METHOD_NOT_ALLOWED");
    expect(response.headers.get("allow")).toBe("GET, HEAD");
  });

  it("HEAD answers as GET does, without a body", async () => {
    const response = await call(api, "HEAD", "/users/me", { token: admin.token });
    expect(response.status).toBe(200);
    expect(response.headers.get("x-ratelimit-limit")).toBeTruthy();
    expect(response.body).toBeNull();
  });

  it("400 for a body that is not JSON or not an object", async () => {
    expectError(await call(api, "POST", "/users", { token: admin.token, body: "{not json" }), 400, "BAD_REQUEST");
    expectError(await call(api, "POST", "/users", { token: admin.token, body: "[1,2]" }), 400, "BAD_REQUEST");
    expectError(await call(api, "POST", "/users", { token: admin.token, body: "null" }), 400, "BAD_REQUEST");
  });

  it("415 for a body that is not application/json", async () => {
    const response = await call(api, "POST", "/users", { token: admin.token, body: "email=a", headers: { "content-type": "application/x-www-form-urlencoded" } });
    expectError(response, 415, "UNSUPPORTED_MEDIA_TYPE");
  });

  it("413 for a JSON body over 1 MiB", async () => {
    const body = JSON.stringify({ name: "x".repeat(1024 * 1024 + 10) });
    expectError(await call(api, "POST", "/users", { token: admin.token, body }), 413, "PAYLOAD_TOO_LARGE");
  });

  it("401 for a signed-out caller before its body is read, whatever the body", async () => {
    const huge = JSON.stringify({ name: "x".repeat(1024 * 1024 + 10) });
    for (const body of ["{not json", "[1,2]", huge]) expectError(await call(api, "POST", "/users", { body }), 401, "UNAUTHORIZED");
    const form = await call(api, "POST", "/users", { body: "email=a", headers: { "content-type": "application/x-www-form-urlencoded" } });
    expectError(form, 401, "UNAUTHORIZED");
    expectError(await call(api, "PATCH", "/tickets/tkt_x", { token: "garbage", body: "{" }), 401, "UNAUTHORIZED");
  });

  it("422 with details keyed by field", async () => {
    const response = await call(api, "POST", "/users", { token: admin.token, body: { email: "nope", name: "", role: "owner" } });
    expectError(response, 422, "VALIDATION_ERROR");
    expect(Object.keys(response.body.error.details)).toEqual(expect.arrayContaining(["email", "name", "role", "password"]));
    expect(response.body.error.details.password).toEqual([{ code: "REQUIRED", message: expect.any(String) }]);
  });

  it("X-Request-Id and rate-limit headers on every answer, success or failure", async () => {
    const answers = [
      await call(api, "GET", "/users/me", { token: admin.token }),
      await call(api, "GET", "/users/me"),
      await call(api, "GET", "/nothing-here"),
      await call(api, "POST", "/users", { token: admin.token, body: "{" }),
    ];
    const ids = answers.map((answer) => answer.headers.get("x-request-id"));
    expect(ids.every((id) => typeof id === "string" && id.length > 0)).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    for (const answer of answers) expect(answer.headers.get("x-ratelimit-limit"), String(answer.status)).toBe("400");
    const first = answers[0] as (typeof answers)[number];
    expect(Number(first.headers.get("x-ratelimit-remaining"))).toBeLessThan(400);
    expect(Number(first.headers.get("x-ratelimit-reset"))).toBeGreaterThan(Date.now() / 1000);
  });

  it("never shows a stack trace", async () => {
    const response = await call(api, "POST", "/users", { token: admin.token, body: { email: "a@b.co", name: "A", role: "agent", password: 12345678 } });
    expect(JSON.stringify(response.body)).not.toMatch(/at .*\.ts:\d+/);
  });
});

describe("users (admin)", () => {
  it("creates a user, refuses a taken email with 409, and updates role and active", async () => {
    const email = `new-${Date.now()}@example.test`;
    const created = await call(api, "POST", "/users", { token: admin.token, body: { email, name: "New Agent", password: "long enough pw", role: "agent" } });
    expect(created.status).toBe(201);
    expect(created.headers.get("location")).toBe(`/helpdesk/api/users/${created.body.id}`);
    expect(created.body).toMatchObject({ email, name: "New Agent", role: "agent", active: true });
    expect(created.body.id).toMatch(/^usr_[0-9a-z]{26}$/);
    expect(created.body).not.toHaveProperty("passwordHash");
    expectError(await call(api, "POST", "/users", { token: admin.token, body: { email: email.toUpperCase(), name: "Dup", password: "long enough pw", role: "agent" } }), 409, "CONFLICT");
    const updated = await call(api, "PATCH", `/users/${created.body.id}`, { token: admin.token, body: { role: "viewer", active: false } });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ role: "viewer", active: false });
    expectError(await call(api, "PATCH", "/users/usr_01jzzzzzzzzzzzzzzzzzzzzzzz", { token: admin.token, body: { name: "x" } }), 404, "NOT_FOUND");
  });

  it("are managed by admins only", async () => {
    const agent = await signInAs(api, "agent");
    expectError(await call(api, "GET", "/users", { token: agent.token }), 403, "FORBIDDEN");
    expectError(await call(api, "POST", "/users", { token: agent.token, body: { email: "x@y.co", name: "X", password: "long enough pw", role: "admin" } }), 403, "FORBIDDEN");
    const list = await call(api, "GET", "/users?limit=2", { token: admin.token });
    expect(list.status).toBe(200);
    expect(list.body.data).toHaveLength(2);
    expect(list.body.pagination).toMatchObject({ page: 1, limit: 2 });
  });
});
