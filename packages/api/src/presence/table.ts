// Who is on which ticket, as this instance has heard it. Pure state: the clock is passed in, so expiry is decided
// here and nowhere else.
import type { PresenceMessage, PresenceTiming, TypingState } from "./wire.ts";

export type PresenceState = "viewing" | "typing_reply" | "typing_note";
export interface Present {
  userId: string;
  name: string;
  state: PresenceState;
}

interface Connection {
  userId: string;
  name: string;
  ticketId: string;
  heardAt: number;
}

const typingKey = (userId: string, ticketId: string) => `${userId} ${ticketId}`;

export class PresenceTable {
  readonly #connections = new Map<string, Connection>();
  readonly #typing = new Map<string, { state: Exclude<TypingState, null>; until: number }>();

  constructor(private readonly timing: PresenceTiming) {}

  /** Applies one message; answers the tickets whose people may have changed. */
  apply(message: PresenceMessage, now: number): string[] {
    switch (message.op) {
      case "here": {
        const connection = { userId: message.userId, name: message.name, ticketId: message.ticketId, heardAt: now };
        const before = this.#connections.get(message.connectionId);
        this.#connections.set(message.connectionId, connection);
        const moved = before && before.ticketId !== connection.ticketId ? [before.ticketId] : [];
        return before?.ticketId === connection.ticketId && before.name === connection.name ? [] : [...moved, connection.ticketId];
      }
      case "leave": {
        const before = this.#connections.get(message.connectionId);
        if (!before) return [];
        this.#forget(message.connectionId, before);
        return [before.ticketId];
      }
      case "typing": {
        const key = typingKey(message.userId, message.ticketId);
        if (message.state) this.#typing.set(key, { state: message.state, until: now + this.timing.typingForMs });
        else this.#typing.delete(key);
        return [message.ticketId];
      }
      case "sync":
        return [];
    }
  }

  /** Forgets connections not heard from and typing not renewed in time; answers the tickets that changed. */
  expire(now: number): string[] {
    const changed = new Set<string>();
    for (const [id, connection] of this.#connections) {
      if (now - connection.heardAt < this.timing.expireAfterMs) continue;
      this.#forget(id, connection);
      changed.add(connection.ticketId);
    }
    for (const [key, typing] of this.#typing) {
      if (typing.until > now) continue;
      this.#typing.delete(key);
      changed.add(key.slice(key.indexOf(" ") + 1));
    }
    return [...changed];
  }

  /** A user's typing mark goes with their last connection on the ticket: coming back later shows them viewing. */
  #forget(connectionId: string, { userId, ticketId }: Connection): void {
    this.#connections.delete(connectionId);
    for (const other of this.#connections.values()) if (other.userId === userId && other.ticketId === ticketId) return;
    this.#typing.delete(typingKey(userId, ticketId));
  }

  get empty(): boolean {
    return this.#connections.size === 0 && this.#typing.size === 0;
  }

  /** The people on a ticket but `exceptUserId`, one entry per user however many tabs they have, by name. */
  peopleOn(ticketId: string, exceptUserId: string): Present[] {
    return this.#people(exceptUserId).get(ticketId) ?? [];
  }

  /** Every ticket someone but `exceptUserId` has open, and who. */
  everyone(exceptUserId: string): Record<string, Present[]> {
    return Object.fromEntries(this.#people(exceptUserId));
  }

  #people(exceptUserId: string): Map<string, Present[]> {
    const byTicket = new Map<string, Map<string, Present>>();
    for (const { userId, name, ticketId } of this.#connections.values()) {
      if (userId === exceptUserId) continue;
      const people = byTicket.get(ticketId) ?? new Map<string, Present>();
      byTicket.set(ticketId, people);
      // Typing shows only while the typist has the ticket open.
      const typing = this.#typing.get(typingKey(userId, ticketId))?.state;
      people.set(userId, { userId, name, state: typing ? `typing_${typing}` : "viewing" });
    }
    const sorted = new Map<string, Present[]>();
    for (const [ticketId, people] of byTicket) sorted.set(ticketId, [...people.values()].sort(byName));
    return sorted;
  }
}

const byName = (a: Present, b: Present) => a.name.localeCompare(b.name) || a.userId.localeCompare(b.userId);
