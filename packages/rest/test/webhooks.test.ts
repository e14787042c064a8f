// CONTRACT §14 over REST: the admins' webhook routes, their answers and refusals. No dispatcher runs here (the
// delivery itself is packages/api/test/webhooks-*.test.ts): a test event stays pending, and nothing is sent anywhere.
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { call, useApi } from "./support/api.ts";
import { expectError, expectValidation } from "./support/fixtures.ts";

const { api, users: [admin, agent] } = useApi({ roles: ["admin", "agent"] });
const created: string[] = [];

afterEach(() => {
  delete process.env.HELPDESK_WEBHOOKS_ALLOW_PRIVATE;
});
afterAll(async () => {
  for (const id of created) await call(api, "DELETE", `/webhooks/${id}`, { token: admin.token });
});

describe("webhook routes", () => {
  it("create answers the secret once, with Location; read, update, list, test event, log and delete", async () => {
    process.env.HELPDESK_WEBHOOKS_ALLOW_PRIVATE = "1";
    // Off: the events other files' tests cause are not queued for it.
    const response = await call(api, "POST", "/webhooks", { token: admin.token, body: { url: "http://127.0.0.1:9/hook", events: ["ticket.created", "ticket.created"], active: false } });
    expect(response.status).toBe(201);
    const webhook = response.body;
    created.push(webhook.id);
    expect(webhook).toMatchObject({ id: expect.stringMatching(/^whk_/), url: "http://127.0.0.1:9/hook", events: ["ticket.created"], active: false, secret: expect.stringMatching(/^whsec_/) });
    expect(response.headers.get("location")).toBe(`/helpdesk/api/webhooks/${webhook.id}`);
    const read = await call(api, "GET", `/webhooks/${webhook.id}`, { token: admin.token });
    expect(read.body).not.toHaveProperty("secret");
    const patched = await call(api, "PATCH", `/webhooks/${webhook.id}`, { token: admin.token, body: { events: ["message.created", "ticket.updated"] } });
    expect(patched.body).toMatchObject({ events: ["message.created", "ticket.updated"], active: false });
    const list = await call(api, "GET", "/webhooks", { token: admin.token });
    expect(list.body.data.map((w: { id: string }) => w.id)).toContain(webhook.id);
    expect(list.body.data.every((w: object) => !("secret" in w))).toBe(true);

    const test = await call(api, "POST", `/webhooks/${webhook.id}/test`, { token: admin.token });
    expect(test.status).toBe(202);
    expect(test.body).toMatchObject({ eventType: "webhook.test", status: "pending", attemptCount: 0, attempts: [] });
    const log = await call(api, "GET", `/webhooks/${webhook.id}/deliveries?limit=10`, { token: admin.token });
    expect(log.body).toMatchObject({ data: [{ id: test.body.id, eventId: test.body.eventId }], pagination: { page: 1, limit: 10, total: 1 } });
    expectError(await call(api, "POST", `/webhooks/${webhook.id}/deliveries/whd_unknown/redeliver`, { token: admin.token }), 404, "NOT_FOUND");
    const again = await call(api, "POST", `/webhooks/${webhook.id}/deliveries/${test.body.id}/redeliver`, { token: admin.token });
    expect(again.body).toMatchObject({ eventId: test.body.eventId, status: "pending" });

    expect((await call(api, "DELETE", `/webhooks/${webhook.id}`, { token: admin.token })).status).toBe(204);
    expectError(await call(api, "GET", `/webhooks/${webhook.id}`, { token: admin.token }), 404, "NOT_FOUND");
  });

  it("refuses non-http(s) URLs, loopback addresses and names resolving to them, unknown events, and non-admins", async () => {
    for (const url of ["ftp://127.0.0.1/x", "javascript:alert(1)", "http://127.0.0.1:9/x", "http://localhost:9/x", "http://[::1]:9/x", "http://0.0.0.0:9/x"]) {
      expectValidation(await call(api, "POST", "/webhooks", { token: admin.token, body: { url, events: ["ticket.created"] } }), "url", "INVALID");
    }
    expectValidation(await call(api, "POST", "/webhooks", { token: admin.token, body: { url: "https://192.0.2.10/x", events: ["ticket.deleted"] } }), "events.0");
    expectValidation(await call(api, "POST", "/webhooks", { token: admin.token, body: { url: "https://192.0.2.10/x", events: [] } }), "events", "TOO_SMALL");
    expectError(await call(api, "POST", "/webhooks", { token: agent.token, body: { url: "https://192.0.2.10/x", events: ["ticket.created"] } }), 403, "FORBIDDEN");
    expectError(await call(api, "GET", "/webhooks", { token: agent.token }), 403, "FORBIDDEN");
  });
});
