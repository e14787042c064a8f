import { getDb } from "@helpdesk/db";
import { describe, expect, it } from "vitest";
import { deleteExpiredRateLimits } from "../src/limits/expired.ts";
import { spendRequestBudget } from "../src/index.ts";

describe("deleteExpiredRateLimits", () => {
  it("sweeps windows that have passed and keeps the ones still counting", async () => {
    const db = getDb();
    const live = `requests:address:test-live-${Date.now()}`;
    await spendRequestBudget(db, live, 3, 400);
    const expired = Array.from({ length: 12 }, (_, i) => `requests:address:test-expired-${Date.now()}-${i}`);
    for (const key of expired) await spendRequestBudget(db, key, 1, 400);
    await db.$executeRaw`UPDATE "RateLimit" SET expire = now() - interval '1 second' WHERE key = ANY(${expired})`;

    expect(await deleteExpiredRateLimits(db)).toBeGreaterThanOrEqual(expired.length);
    expect(await db.rateLimit.count({ where: { key: { in: expired } } })).toBe(0);
    expect(await db.rateLimit.findUnique({ where: { key: live } })).toMatchObject({ points: 3 });
  });
});
