// The request budget counted in memory (budget-ledger.ts): two instances' ledgers on one database learn of each
// other's spending at their flushes, and the shared row holds every unit either spent.
import { randomUUID } from "node:crypto";
import { getDb } from "@helpdesk/db";
import { describe, expect, it } from "vitest";
import { BudgetLedger, FLUSH_INTERVAL_MS } from "../src/limits/budget-ledger.ts";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("two instances' budget ledgers on one database", () => {
  it("count locally between flushes, then each sees the other's spending and the row holds the sum", async () => {
    const key = `requests:test:${randomUUID()}`;
    const [a, b] = [new BudgetLedger(getDb(), 60), new BudgetLedger(getDb(), 60)];
    // The first spend of a window goes to the database (it learns the window); the next ones stay in memory.
    expect((await a.spend(key, 1)).spent).toBe(1);
    for (let n = 2; n <= 5; n++) expect((await a.spend(key, 1)).spent).toBe(n);
    expect((await getDb().rateLimit.findUnique({ where: { key } }))?.points).toBe(1);
    expect((await b.spend(key, 2)).spent).toBe(3);
    await Promise.all([a.flush(), b.flush()]);
    await Promise.all([a.flush(), b.flush()]);
    expect((await getDb().rateLimit.findUnique({ where: { key } }))?.points).toBe(7);
    expect((await a.spend(key, 1)).spent).toBe(8);
    expect((await b.spend(key, 1)).spent).toBe(8);
    // Their own timers flush within FLUSH_INTERVAL_MS: both views converge on the shared total.
    await sleep(3 * FLUSH_INTERVAL_MS);
    expect((await a.spend(key, 0)).spent).toBe(9);
    expect((await b.spend(key, 0)).spent).toBe(9);
    expect((await getDb().rateLimit.findUnique({ where: { key } }))?.points).toBe(9);
  });
});
