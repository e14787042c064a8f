// Every request checks its user's role, active flag and session version (CONTRACT §2). Reading the row each time is
// a database round trip per request, so each server instance keeps the rows it read, for as long as it hears about
// every change: a trigger on "User" NOTIFYs USER_CHANGES_CHANNEL in the changing transaction (migration
// 20261201090000_user_changes_notify), the instance's listener drops the entry when that arrives (within
// milliseconds of the commit, on every instance), and the instance that made the change drops it itself at once.
// While the listener is not connected (before its first connection, and whenever it drops) a notification could be
// missed, so the cache is bypassed and the row read on every request.
import type { Db, Role } from "@helpdesk/db";
import { LruMap } from "./lru.ts";

/** The channel the "User" trigger notifies, with the changed user's id as payload. */
export const USER_CHANGES_CHANNEL = "helpdesk_user_changes";

export interface SessionUserRow {
  id: string;
  email: string;
  name: string;
  role: Role;
  active: boolean;
  sessionVersion: number;
}

/** 10,000 users' rows are ~2 MB; more signed-in users than that on one instance only means more reads. */
const CACHED_USERS = 10_000;
/**
 * A safety net, not the mechanism: even a row that no notification ever touched is read again after this long, so
 * a change lost in a way the listener could not notice (a connection that hangs instead of failing) heals.
 */
const MAX_AGE_MS = 60_000;

export class SessionUserCache {
  readonly channel = USER_CHANGES_CHANNEL;
  readonly #rows: LruMap<string, { row: SessionUserRow; readAtMs: number }>;
  #listening = false;
  /** Bumped by every invalidation: a read that started before one must not store what it read. */
  #generation = 0;

  constructor(capacity = CACHED_USERS) {
    this.#rows = new LruMap(capacity);
  }

  /** True while a listener is connected: only then are rows served from memory. */
  get active(): boolean {
    return this.#listening;
  }

  async read(db: Db, userId: string): Promise<SessionUserRow | null> {
    if (this.#listening) {
      const cached = this.#rows.get(userId);
      if (cached && Date.now() - cached.readAtMs < MAX_AGE_MS) return cached.row;
    }
    const generation = this.#generation;
    const readAtMs = Date.now();
    const row = await db.user.findUnique({
      where: { id: userId },
      select: { id: true, email: true, name: true, role: true, active: true, sessionVersion: true },
    });
    // Unknown ids are not kept: tokens name users that exist, so a miss is a forged or deleted one.
    if (row && this.#listening && generation === this.#generation) this.#rows.set(userId, { row, readAtMs });
    return row;
  }

  /** The user changed: the next read goes to the database. The instance making a change calls this after its commit. */
  forget(userId: string): void {
    this.#generation++;
    this.#rows.delete(userId);
  }

  /** A notification on USER_CHANGES_CHANNEL. */
  onNotification(userId: string): void {
    this.forget(userId);
  }

  /** The listener is (again) connected: anything cached before may have missed a notification. */
  onConnected(): void {
    this.#reset();
    this.#listening = true;
  }

  onDisconnected(): void {
    this.#listening = false;
    this.#reset();
  }

  #reset(): void {
    this.#generation++;
    this.#rows.clear();
  }
}

/** This process's cache, kept current by the listener @helpdesk/api starts (bypassed until it connects). */
export const sessionUsers = new SessionUserCache();
