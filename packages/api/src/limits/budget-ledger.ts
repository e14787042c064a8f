// The request budgets this instance is spending, counted in memory and flushed to the shared "RateLimit" rows.
//
// Spending a budget in PostgreSQL on every request was a round trip on every request. Instead each key's first
// request of a window spends in the database (learning the shared total and when the window ends), and the
// requests after it are counted here; every FLUSH_INTERVAL_MS one statement adds what this instance spent since to
// the shared rows and reads back every key's shared total, so instances learn of each other's spending.
// A request is judged on this instance's view: the last shared total it read plus what it spent since.
//
// One instance is exact: its view counts every request it answered. Several instances share one budget with a
// bounded overshoot: an instance's view misses what the others spent since their last flush (at most one interval)
// and what they flushed since its own last read-back (at most one more), so together they can admit beyond the
// budget at most what the other instances admit in two intervals, 250 ms (plus a flush's round trip): with two
// instances and a client hammering both, a quarter of a second's worth of the other instance's requests.
import { logger } from "@helpdesk/log";
import { Prisma, type Db } from "@helpdesk/db";

/** Half of the 250 ms the instances' views may lag each other (see above); 8 small statements a second. */
export const FLUSH_INTERVAL_MS = 125;
/** A new window ends at least a whole window after the one before: a later end by more than this is a new window. */
const NEW_WINDOW_MS = 30_000;

export interface Spent {
  spent: number;
  msLeft: number;
}

interface Entry {
  /** The shared total when last read (it includes everything this instance flushed). */
  shared: number;
  /** Spent here, not yet sent. */
  pending: number;
  /** Sent in the flush under way. */
  sending: number;
  windowEndMs: number;
}

interface SpentRow extends Spent {
  key: string;
}

/**
 * The statement that spends budgets, for rows of (key, points, expire) from `source`: a fixed one-minute window per
 * key, started by its first request and restarted by the first one after it ends. Calls over the budget still
 * count, so hammering does not earn a fresh window sooner.
 */
function spendStatement(source: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`
    INSERT INTO "RateLimit" ("key", "points", "expire") ${source}
    ON CONFLICT ("key") DO UPDATE SET
      "points" = CASE WHEN "RateLimit"."expire" > now() THEN "RateLimit"."points" + EXCLUDED."points" ELSE EXCLUDED."points" END,
      "expire" = CASE WHEN "RateLimit"."expire" > now() THEN "RateLimit"."expire" ELSE EXCLUDED."expire" END
    RETURNING "key", "points" AS "spent", ${msLeft(Prisma.sql`"RateLimit"."expire"`)} AS "msLeft"`;
}

const msLeft = (expire: Prisma.Sql) => Prisma.sql`GREATEST(CEIL(EXTRACT(EPOCH FROM ${expire} - now()) * 1000), 0)::int`;

export class BudgetLedger {
  readonly #entries = new Map<string, Entry>();
  #timer: NodeJS.Timeout | undefined;
  #flushing: Promise<void> | undefined;

  constructor(
    private readonly db: Db,
    private readonly windowSeconds: number,
  ) {}

  /** Spends `calls` units of `key`'s budget and answers the total spent in its window, as this instance sees it. */
  async spend(key: string, calls: number): Promise<Spent> {
    const entry = this.#live(key);
    if (entry) {
      entry.pending += calls;
      return this.#view(entry);
    }
    const windowEnd = Prisma.sql`now() + make_interval(secs => ${this.windowSeconds})`;
    const [row] = await this.db.$queryRaw<SpentRow[]>(spendStatement(Prisma.sql`VALUES (${key}, ${calls}, ${windowEnd})`));
    return this.#view(this.#learn(row as SpentRow));
  }

  /** Sends what was spent here and reads back every known key's shared total, in one statement. */
  flush(): Promise<void> {
    this.#flushing ??= this.#flush().finally(() => (this.#flushing = undefined));
    return this.#flushing;
  }

  async #flush(): Promise<void> {
    const now = Date.now();
    for (const [key, entry] of this.#entries) if (entry.windowEndMs <= now) this.#entries.delete(key);
    if (this.#entries.size === 0) return this.#stopTimer();
    const keys = [...this.#entries.keys()];
    const points = keys.map((key) => {
      const entry = this.#entries.get(key) as Entry;
      entry.sending = entry.pending;
      entry.pending = 0;
      return entry.sending;
    });
    const windowEnd = Prisma.sql`now() + make_interval(secs => ${this.windowSeconds})`;
    try {
      const rows = await this.db.$queryRaw<SpentRow[]>(Prisma.sql`
        WITH input AS (SELECT * FROM unnest(${keys}::text[], ${points}::int[]) AS t("key", "points")),
        spent AS (${spendStatement(Prisma.sql`SELECT "key", "points", ${windowEnd} FROM input WHERE "points" > 0`)})
        SELECT "key", "spent", "msLeft" FROM spent
        UNION ALL
        SELECT r."key", r."points", ${msLeft(Prisma.sql`r."expire"`)} FROM "RateLimit" r JOIN input USING ("key")
        WHERE input."points" = 0 AND r."expire" > now()`);
      const seen = new Set<string>();
      for (const row of rows) {
        seen.add(row.key);
        const entry = this.#entries.get(row.key);
        if (entry) entry.sending = 0;
        this.#learn(row);
      }
      // A key nothing was sent for and whose row is gone (its window ended, or it was swept): start afresh.
      for (const key of keys) if (!seen.has(key)) this.#entries.delete(key);
    } catch (error) {
      // Kept for the next flush: the database is away, and requests are failing for that reason anyway.
      for (const entry of this.#entries.values()) {
        entry.pending += entry.sending;
        entry.sending = 0;
      }
      logger.warn({ err: error }, "request budgets: flush failed; retrying");
    }
  }

  #live(key: string): Entry | undefined {
    const entry = this.#entries.get(key);
    if (entry && entry.windowEndMs > Date.now()) return entry;
    if (entry) this.#entries.delete(key);
    return undefined;
  }

  /** A shared total read from the database. Totals only grow within a window, so a smaller one is an older read. */
  #learn({ key, spent, msLeft }: SpentRow): Entry {
    const windowEndMs = Date.now() + msLeft;
    const entry = this.#entries.get(key);
    if (!entry || windowEndMs > entry.windowEndMs + NEW_WINDOW_MS) {
      const fresh = { shared: spent, pending: entry?.pending ?? 0, sending: 0, windowEndMs };
      this.#entries.set(key, fresh);
      this.#startTimer();
      return fresh;
    }
    entry.shared = Math.max(entry.shared, spent);
    return entry;
  }

  #view(entry: Entry): Spent {
    return { spent: entry.shared + entry.sending + entry.pending, msLeft: Math.max(entry.windowEndMs - Date.now(), 0) };
  }

  #startTimer(): void {
    this.#timer ??= setInterval(() => void this.flush(), FLUSH_INTERVAL_MS).unref();
  }

  #stopTimer(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
  }
}
