// The presence subscriptions' bodies: a value at once, then whenever it changes, for as long as the subscriber's
// session holds (re-read like every request, so a revoked session ends the stream and with it the presence).
import { loadSessionUser, type SessionUser } from "@helpdesk/auth";
import type { Db } from "@helpdesk/db";
import { getTicket } from "../services/tickets/tickets.ts";
import type { PresenceInstance } from "./instance.ts";
import type { Present } from "./table.ts";
import type { TypingState } from "./wire.ts";

interface Subscriber {
  db: Db;
  user: SessionUser;
}

/** The other people on a ticket, while the subscriber is counted as viewing it. */
export async function* watchTicket(instance: PresenceInstance, ctx: Subscriber, ticketId: string, signal: AbortSignal | undefined): AsyncGenerator<Present[]> {
  await getTicket(ctx.db, ticketId);
  const leave = await instance.join(ctx.user, ticketId);
  try {
    yield* whenChanged(instance, ctx, signal, (tickets) => tickets.includes(ticketId), () => instance.peopleOn(ticketId, ctx.user.id));
  } finally {
    // Runs when the client goes (tRPC aborts the signal and returns the generator): the tab is gone at once.
    await leave();
  }
}

/** Who has which ticket open (the subscriber aside), for the inbox's markers. */
export function watchInbox(instance: PresenceInstance, ctx: Subscriber, signal: AbortSignal | undefined): AsyncGenerator<Record<string, Present[]>> {
  return whenChanged(instance, ctx, signal, () => true, () => instance.everyone(ctx.user.id));
}

export async function setTyping(instance: PresenceInstance, ctx: Subscriber, ticketId: string, state: TypingState): Promise<void> {
  await getTicket(ctx.db, ticketId);
  await instance.typing(ctx.user.id, ticketId, state);
}

async function* whenChanged<T>(
  instance: PresenceInstance,
  ctx: Subscriber,
  signal: AbortSignal | undefined,
  concerns: (tickets: string[]) => boolean,
  read: () => T,
): AsyncGenerator<T> {
  const claims = { userId: ctx.user.id, sessionVersion: ctx.user.sessionVersion };
  const wakeup = new Wakeup(signal);
  const stopListening = instance.onChange((tickets) => concerns(tickets) && wakeup.wake());
  let last: string | undefined;
  try {
    while (!signal?.aborted) {
      if (!(await loadSessionUser(ctx.db, claims))) return;
      const value = read();
      const serialized = JSON.stringify(value);
      if (serialized !== last) {
        last = serialized;
        yield value;
      }
      // Also wakes without changes, so a session revoked while nothing moves still ends the stream within a beat.
      await wakeup.next(instance.timing.heartbeatMs);
    }
  } finally {
    stopListening();
  }
}

/** A wake-up call that is never lost: one made while nobody waits is kept for the next wait. */
class Wakeup {
  #pending = false;
  #resolve: (() => void) | undefined;

  constructor(signal: AbortSignal | undefined) {
    signal?.addEventListener("abort", () => this.wake(), { once: true });
  }

  wake(): void {
    this.#pending = true;
    this.#resolve?.();
  }

  /** Resolves at the next wake-up (at once if one is pending) or after `ms`. */
  async next(ms: number): Promise<void> {
    if (!this.#pending) {
      let timer: NodeJS.Timeout | undefined;
      await new Promise<void>((resolve) => {
        this.#resolve = resolve;
        timer = setTimeout(resolve, ms);
      });
      clearTimeout(timer);
      this.#resolve = undefined;
    }
    this.#pending = false;
  }
}
