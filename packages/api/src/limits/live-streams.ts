// At most MAX_LIVE_STREAMS_PER_USER open live subscriptions per user (CONTRACT §4). Counted in this server instance's
// memory: a stream is a connection to this process, and the count must fall the moment it closes, even when the
// database is away. Behind N instances a user may hold up to N times the cap.
import { MAX_LIVE_STREAMS_PER_USER } from "@helpdesk/validators";
import { AppError } from "../errors.ts";

/** How long a refused stream should wait: long enough that a reconnecting console does not hammer. */
const RETRY_AFTER_SECONDS = 5;

export class LiveStreamSlots {
  readonly #open = new Map<string, number>();

  constructor(readonly perUser = MAX_LIVE_STREAMS_PER_USER) {}

  /** Takes one of the user's slots: answers the function that frees it (safe to call more than once), or a refusal. */
  take(userId: string): { release: () => void } | { refusal: AppError } {
    const open = this.#open.get(userId) ?? 0;
    if (open >= this.perUser) {
      return {
        refusal: new AppError("RATE_LIMIT_EXCEEDED", `At most ${this.perUser} live streams may be open at once; close one first.`, {
          retryAfterSeconds: RETRY_AFTER_SECONDS,
        }),
      };
    }
    this.#open.set(userId, open + 1);
    let released = false;
    return {
      release: () => {
        if (released) return;
        released = true;
        const left = (this.#open.get(userId) ?? 1) - 1;
        if (left > 0) this.#open.set(userId, left);
        else this.#open.delete(userId);
      },
    };
  }
}
