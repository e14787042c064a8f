// This server instance's part in presence: it announces its own open watch connections (a join, a heartbeat while
// open, a leave when closed) on the presence channel, and keeps the table of everyone's, fed by that channel.
import { randomUUID } from "node:crypto";
import { EventEmitter } from "node:events";
import { type Db, getDb } from "@helpdesk/db";
import { logger } from "@helpdesk/log";
import type { ChannelSubscriber } from "../events/pg-listener.ts";
import { PresenceTable, type Present } from "./table.ts";
import { DEFAULT_TIMING, parsePresenceMessage, PRESENCE_CHANNEL, type PresenceMessage, type PresenceTiming, type TypingState } from "./wire.ts";

type Here = Extract<PresenceMessage, { op: "here" }>;

/** How often expired connections and typing marks are looked for: the delay past their expiry at most. */
const SWEEP_EVERY_MS = 1000;

export class PresenceInstance implements ChannelSubscriber {
  readonly channel = PRESENCE_CHANNEL;
  readonly timing: PresenceTiming;
  readonly #db: () => Db;
  readonly #table: PresenceTable;
  readonly #changes = new EventEmitter<{ change: [tickets: string[]] }>();
  /** This instance's open watch connections, announced again at every heartbeat. */
  readonly #local = new Map<string, Here>();
  /** Announcements go out one after another, so a heartbeat sent just before a leave can never arrive after it. */
  #sending = Promise.resolve();
  #heartbeat: NodeJS.Timeout | undefined;
  #sweep: NodeJS.Timeout | undefined;

  constructor(options: { db?: () => Db; timing?: PresenceTiming } = {}) {
    this.#db = options.db ?? getDb;
    this.timing = options.timing ?? DEFAULT_TIMING;
    this.#table = new PresenceTable(this.timing);
    this.#changes.setMaxListeners(0);
  }

  onNotification(payload: string): void {
    const message = parsePresenceMessage(payload);
    if (!message) return;
    if (message.op === "sync") return void this.#publish([...this.#local.values()]);
    this.#changed(this.#table.apply(message, Date.now()));
  }

  /** Whatever was said while the connection was down is lost: everyone is asked to say who is here, and so are we. */
  onConnected(): void {
    void this.#publish([{ op: "sync" }, ...this.#local.values()]);
  }

  /** Announces a watch connection (one per open ticket page) until the answered function is called. */
  async join(user: { id: string; name: string }, ticketId: string): Promise<() => Promise<void>> {
    const here: Here = { op: "here", connectionId: randomUUID(), userId: user.id, name: user.name, ticketId };
    this.#local.set(here.connectionId, here);
    this.#heartbeat ??= setInterval(() => void this.#publish([...this.#local.values()]), this.timing.heartbeatMs).unref();
    await this.#publish([here]);
    return async () => {
      if (!this.#local.delete(here.connectionId)) return;
      if (this.#local.size === 0) this.#heartbeat = void clearInterval(this.#heartbeat);
      await this.#publish([{ op: "leave", connectionId: here.connectionId }]);
    };
  }

  typing(userId: string, ticketId: string, state: TypingState): Promise<void> {
    return this.#publish([{ op: "typing", userId, ticketId, state }]);
  }

  /** Calls `listener` with the tickets whose people may have changed; answers the function that stops it. */
  onChange(listener: (tickets: string[]) => void): () => void {
    this.#changes.on("change", listener);
    return () => this.#changes.off("change", listener);
  }

  peopleOn(ticketId: string, exceptUserId: string): Present[] {
    return this.#table.peopleOn(ticketId, exceptUserId);
  }

  everyone(exceptUserId: string): Record<string, Present[]> {
    return this.#table.everyone(exceptUserId);
  }

  #changed(tickets: string[]): void {
    if (tickets.length > 0) this.#changes.emit("change", tickets);
    if (this.#table.empty) this.#sweep = void clearInterval(this.#sweep);
    else this.#sweep ??= setInterval(() => this.#changed(this.#table.expire(Date.now())), SWEEP_EVERY_MS).unref();
  }

  /**
   * One statement for any number of messages. Presence is best effort: a failure (the database away) is logged and
   * the next heartbeat says it again; the others' tables expire what they stop hearing.
   */
  #publish(messages: PresenceMessage[]): Promise<void> {
    if (messages.length === 0) return this.#sending;
    const payloads = messages.map((message) => JSON.stringify(message));
    this.#sending = this.#sending.then(async () => {
      try {
        await this.#db().$executeRaw`SELECT pg_notify(${PRESENCE_CHANNEL}, payload) FROM unnest(${payloads}::text[]) AS payload`;
      } catch (error) {
        logger.warn({ err: error }, "presence: announcement not sent");
      }
    });
    return this.#sending;
  }
}

/** This process's instance, listening on the process's notification connection (events/bus.ts). */
export const presence = new PresenceInstance();
