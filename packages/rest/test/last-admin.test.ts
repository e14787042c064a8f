// CONTRACT section 6: demoting or deactivating the last active admin is a 409 CONFLICT, even when two admins demote
// each other at the same moment. Runs on a database of its own: it needs to know every admin there is.
import { randomUUID } from "node:crypto";
import { hashPassword } from "@helpdesk/auth";
import { createDb, newId, type Db } from "@helpdesk/db";
import { createTestDatabase, type TestDatabase } from "@helpdesk/db/testing";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { call, PASSWORD, startApi, type TestApi } from "./support/api.ts";
import { expectError } from "./support/fixtures.ts";

let database: TestDatabase;
let db: Db;
let api: TestApi;
let passwordHash: string;

beforeAll(async () => {
  database = await createTestDatabase("last_admin");
  db = createDb(database.url);
  api = await startApi({ db: () => db });
  passwordHash = await hashPassword(PASSWORD);
});
afterAll(async () => {
  await api.close();
  await db.$disconnect();
  await database.stop();
});
// Each test starts with no admin at all, then makes the ones it needs.
beforeEach(() => db.user.updateMany({ where: { role: "admin" }, data: { active: false } }));

async function signedInAdmin() {
  const email = `admin-${randomUUID()}@example.test`;
  const user = await db.user.create({ data: { id: newId("usr"), email, name: "Admin", role: "admin", passwordHash } });
  const response = await call(api, "POST", "/auth/session", { body: { email, password: PASSWORD } });
  return { user, token: response.body.token as string };
}

const patchUser = (token: string, userId: string, body: Record<string, unknown>) => call(api, "PATCH", `/users/${userId}`, { token, body });
const activeAdmins = () => db.user.count({ where: { role: "admin", active: true } });

describe("the last active admin", () => {
  it.each([
    ["demoted to agent", { role: "agent" }],
    ["demoted to viewer", { role: "viewer" }],
    ["deactivated", { active: false }],
  ])("cannot be %s: 409, and nothing changes", async (_what, change) => {
    const admin = await signedInAdmin();
    const response = await patchUser(admin.token, admin.user.id, change);
    expectError(response, 409, "CONFLICT");
    expect(response.body.error.message).toMatch(/last active admin/);
    expect(await db.user.findUniqueOrThrow({ where: { id: admin.user.id } })).toMatchObject({ role: "admin", active: true });
  });

  it("can still be renamed, or kept admin", async () => {
    const admin = await signedInAdmin();
    expect((await patchUser(admin.token, admin.user.id, { name: "Still admin", role: "admin", active: true })).status).toBe(200);
  });

  it("can step down once another admin is active, and an inactive admin can be demoted", async () => {
    const [first, second] = [await signedInAdmin(), await signedInAdmin()];
    expect((await patchUser(first.token, first.user.id, { role: "agent" })).status).toBe(200);
    const formerAdmin = await db.user.create({
      data: { id: newId("usr"), email: `old-${randomUUID()}@example.test`, name: "Old", role: "admin", active: false, passwordHash },
    });
    expect((await patchUser(second.token, formerAdmin.id, { role: "viewer" })).status).toBe(200);
    expectError(await patchUser(second.token, second.user.id, { active: false }), 409, "CONFLICT");
  });
});

describe("two admins demoting each other at the same time", () => {
  it("always leave one admin (many rounds)", { timeout: 120_000 }, async () => {
    const outcomes = new Map<string, number>();
    for (let round = 0; round < 40; round++) {
      await db.user.updateMany({ where: { role: "admin" }, data: { active: false } });
      const [a, b] = [await signedInAdmin(), await signedInAdmin()];
      // Alternate demotion and deactivation: both must be serialized by the same lock.
      const change = round % 2 === 0 ? { role: "agent" } : { active: false };
      const answers = await Promise.all([patchUser(a.token, b.user.id, change), patchUser(b.token, a.user.id, change)]);
      const statuses = answers.map((answer) => answer.status).sort();
      outcomes.set(statuses.join(" "), (outcomes.get(statuses.join(" ")) ?? 0) + 1);
      expect(await activeAdmins()).toBe(1);
      // The loser either saw the winner's change as the last admin (409), or had already lost its own rights (403/401).
      expect(statuses[0]).toBe(200);
      expect([401, 403, 409]).toContain(statuses[1]);
    }
    console.info("last-admin race outcomes", Object.fromEntries(outcomes));
  });
});
