// CONTRACT §2: a deactivation, role change or sign-out everywhere takes effect on the next request on the instance
// that made it and within 1 second on every other instance; the per-instance cache of users' rows is bypassed while
// its listener is disconnected. Two instances on one database: this process's cache and listener (the one the
// services invalidate, "A") and a second cache with its own listener ("B").
import { randomUUID } from "node:crypto";
import { loadSessionUser, revokeSessions, SessionUserCache, sessionUsers } from "@helpdesk/auth";
import { type Db, getDb, newId, type Role } from "@helpdesk/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { processListener } from "../src/events/bus.ts";
import { PgListener } from "../src/events/pg-listener.ts";
import { updateUser } from "../src/services/users.ts";

const url = process.env.DATABASE_URL as string;
const otherCache = new SessionUserCache();
const otherListener = new PgListener(url, [otherCache], `helpdesk-listener test-b ${randomUUID()}`);
let reads = 0;
/** The database as the caches see it, counting the rows they read. */
const counted = new Proxy(getDb(), {
  get(db, property) {
    if (property !== "user") return Reflect.get(db, property);
    return {
      findUnique: (args: never) => {
        reads++;
        return db.user.findUnique(args);
      },
    };
  },
}) as Db;

beforeAll(async () => {
  await Promise.all([processListener()?.whenConnected(), otherListener.whenConnected()]);
});
afterAll(() => otherListener.stop());

async function createUser(role: Role) {
  const user = await getDb().user.create({
    data: { id: newId("usr"), email: `${role}-${randomUUID()}@example.test`, name: "Cached", role, passwordHash: "x" },
  });
  return { id: user.id, claims: { userId: user.id, sessionVersion: user.sessionVersion } };
}

const onA = (claims: { userId: string; sessionVersion: number }) => loadSessionUser(counted, claims);
const onB = (claims: { userId: string; sessionVersion: number }) => loadSessionUser(counted, claims, otherCache);

/** Both instances have read the user once; further reads come from memory. */
async function warm(claims: { userId: string; sessionVersion: number }) {
  await onA(claims);
  await onB(claims);
  const before = reads;
  expect(await onA(claims)).not.toBeNull();
  expect(await onB(claims)).not.toBeNull();
  expect(reads, "served from memory").toBe(before);
}

/** How long until B sees what `seen` waits for; fails past one second. */
async function secondsUntil(seen: () => Promise<boolean>): Promise<number> {
  const started = performance.now();
  await expect.poll(seen, { timeout: 1000, interval: 5 }).toBe(true);
  return (performance.now() - started) / 1000;
}

describe("the session-user cache of two instances on one database", () => {
  let admin: string;
  beforeAll(async () => {
    admin = (await createUser("admin")).id;
  });

  it("sees a role change at once on the instance that made it and within 1 s on the other", async () => {
    const { id, claims } = await createUser("agent");
    await warm(claims);
    await updateUser(getDb(), admin, id, { role: "viewer" });
    expect((await onA(claims))?.role).toBe("viewer");
    const seconds = await secondsUntil(async () => (await onB(claims))?.role === "viewer");
    console.log(`role change seen by the other instance after ${(seconds * 1000).toFixed(0)} ms`);
  });

  it("refuses a deactivated user at once on the instance that made it and within 1 s on the other", async () => {
    const { id, claims } = await createUser("agent");
    await warm(claims);
    await updateUser(getDb(), admin, id, { active: false });
    expect(await onA(claims)).toBeNull();
    await secondsUntil(async () => (await onB(claims)) === null);
  });

  it("refuses tokens signed out everywhere at once on the instance that did it and within 1 s on the other", async () => {
    const { id, claims } = await createUser("viewer");
    await warm(claims);
    await revokeSessions(getDb(), id);
    expect(await onA(claims)).toBeNull();
    await secondsUntil(async () => (await onB(claims)) === null);
  });

  it("hears a change written straight to the table (another instance, psql) within 1 s on both", async () => {
    const { id, claims } = await createUser("agent");
    await warm(claims);
    await getDb().$executeRaw`UPDATE "User" SET name = 'Renamed', email = ${`renamed-${id}@example.test`} WHERE id = ${id}`;
    await secondsUntil(async () => (await onA(claims))?.name === "Renamed" && (await onB(claims))?.name === "Renamed");
    expect((await onB(claims))?.email).toBe(`renamed-${id}@example.test`);
  });

  it("is bypassed while its listener is disconnected: every change is seen at once, then it serves again", async () => {
    const { id, claims } = await createUser("agent");
    await warm(claims);
    const [terminated] = await getDb().$queryRaw<{ killed: boolean }[]>`
      SELECT bool_or(pg_terminate_backend(pid)) AS killed FROM pg_stat_activity WHERE application_name LIKE 'helpdesk-listener test-b %'`;
    expect(terminated?.killed).toBe(true);
    await expect.poll(() => otherCache.active, { timeout: 1000, interval: 5 }).toBe(false);
    // Nothing reaches B now (its LISTEN is gone), so each of these is seen only because B reads the row.
    for (const role of ["viewer", "admin", "agent"] as const) {
      await getDb().$executeRaw`UPDATE "User" SET role = ${role}::"Role" WHERE id = ${id}`;
      expect((await onB(claims))?.role).toBe(role);
    }
    // Reconnected (a second later): served from memory again, and kept current by notifications again.
    await expect.poll(() => otherCache.active, { timeout: 3000, interval: 20 }).toBe(true);
    await warm(claims);
    await getDb().$executeRaw`UPDATE "User" SET role = 'viewer' WHERE id = ${id}`;
    await secondsUntil(async () => (await onB(claims))?.role === "viewer");
  });

  it("serves rows from memory only while connected: this process's cache is live once its listener is", () => {
    expect(sessionUsers.active).toBe(true);
  });
});
