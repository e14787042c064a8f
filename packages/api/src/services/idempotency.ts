// Idempotency-Key: a repeat of the same request by the same user within 24 hours gets the first answer and
// changes nothing; the same key with another body is a conflict.
import { createHash } from "node:crypto";
import type { Db, Prisma } from "@helpdesk/db";
import { AppError } from "../errors.ts";

const KEY_LIFETIME_MS = 24 * 60 * 60 * 1000;

export interface IdempotencyScope {
  userId: string;
  key: string;
  /** What was asked, canonicalised; the key binds to it. */
  request: unknown;
}

function fingerprint(request: unknown): string {
  return createHash("sha256").update(canonicalJson(request)).digest("hex");
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined).sort(([a], [b]) => a.localeCompare(b));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

async function replay<T>(db: Db | Prisma.TransactionClient, scope: IdempotencyScope, hash: string): Promise<T | undefined> {
  const since = new Date(Date.now() - KEY_LIFETIME_MS);
  const stored = await db.idempotencyKey.findUnique({ where: { userId_key: { userId: scope.userId, key: scope.key } } });
  if (!stored || stored.createdAt < since) return undefined;
  if (stored.requestHash !== hash) {
    throw new AppError("CONFLICT", "This Idempotency-Key was already used with a different request body.");
  }
  return stored.responseBody as T;
}

/**
 * Runs `create` in a transaction that also records the key, or replays the recorded answer. Two concurrent
 * first requests race: the loser's transaction rolls back and it replays the winner's.
 */
export async function idempotent<T extends object>(
  db: Db,
  scope: IdempotencyScope | null,
  create: (tx: Db | Prisma.TransactionClient) => Promise<T>,
  { single = false }: { single?: boolean } = {},
): Promise<T> {
  // `single`: create is one statement, atomic on its own; only recording a key then needs a transaction around it.
  if (!scope) return single ? create(db) : db.$transaction(create, TRANSACTION_OPTIONS);
  const hash = fingerprint(scope.request);
  const previous = await replay<T>(db, scope, hash);
  if (previous) return previous;
  try {
    return await db.$transaction(async (tx) => {
      const result = await create(tx);
      await tx.idempotencyKey.deleteMany({
        where: { userId: scope.userId, key: scope.key, createdAt: { lt: new Date(Date.now() - KEY_LIFETIME_MS) } },
      });
      await tx.idempotencyKey.create({
        data: { userId: scope.userId, key: scope.key, requestHash: hash, responseStatus: 201, responseBody: result as Prisma.InputJsonObject },
      });
      return result;
    }, TRANSACTION_OPTIONS);
  } catch (error) {
    // A twin request that committed first makes this one fail, on the key's primary key or earlier (its upload
    // tokens are already used): either way the twin's answer is this one's.
    const winner = await replay<T>(db, scope, hash);
    if (winner) return winner;
    throw error;
  }
}

// Many agents may write to one ticket at once; their transactions queue on the ticket's row lock.
export const TRANSACTION_OPTIONS = { maxWait: 15_000, timeout: 15_000 };
