// One PostgreSQL connection LISTENing on several channels, reconnecting whenever it drops. Each subscriber hears
// its channel's payloads and whether the connection is up: a notification sent while it was down is lost, which
// caches (the session users') must know about.
import { logger } from "@helpdesk/log";
import pg from "pg";

export interface ChannelSubscriber {
  readonly channel: string;
  onNotification(payload: string): void;
  /** LISTEN is in place: from now on every notification on the channel arrives. */
  onConnected?(): void;
  /** The connection is gone: notifications are being missed until onConnected. */
  onDisconnected?(): void;
}

const RECONNECT_DELAY_MS = 1000;

export class PgListener {
  #client: pg.Client | undefined;
  #connected = false;
  #stopped = false;
  #waiters: (() => void)[] = [];
  #started = false;

  constructor(
    private readonly url: string,
    private readonly subscribers: readonly ChannelSubscriber[],
    /** How the connection shows in pg_stat_activity (the process id tells instances apart). */
    private readonly applicationName = `helpdesk-listener ${process.pid}`,
  ) {}

  get connected(): boolean {
    return this.#connected;
  }

  /** Connects (once; later calls do nothing), retrying every second until it is up. */
  start(): void {
    if (this.#started) return;
    this.#started = true;
    void this.#connect();
  }

  /** Resolves once LISTEN is in place (at once if it is). */
  whenConnected(): Promise<void> {
    this.start();
    return this.#connected ? Promise.resolve() : new Promise((resolve) => this.#waiters.push(resolve));
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    const client = this.#client;
    this.#lost();
    await client?.end().catch(() => {});
  }

  async #connect(): Promise<void> {
    if (this.#stopped) return;
    const client = new pg.Client({ connectionString: this.url, application_name: this.applicationName, keepAlive: true });
    this.#client = client;
    client.on("notification", ({ channel, payload }) => {
      if (payload === undefined) return;
      for (const subscriber of this.subscribers) if (subscriber.channel === channel) subscriber.onNotification(payload);
    });
    client.on("error", (error) => this.#dropped(client, error));
    client.on("end", () => this.#dropped(client));
    try {
      await client.connect();
      const channels = new Set(this.subscribers.map((subscriber) => subscriber.channel));
      for (const channel of channels) await client.query(`LISTEN "${channel}"`);
    } catch (error) {
      this.#dropped(client, error);
      return;
    }
    if (this.#client !== client || this.#stopped) return;
    this.#connected = true;
    for (const subscriber of this.subscribers) subscriber.onConnected?.();
    for (const resolve of this.#waiters.splice(0)) resolve();
  }

  /** The connection failed or ended: tell the subscribers at once, then try again in a second. */
  #dropped(client: pg.Client, error?: unknown): void {
    if (this.#client !== client) return;
    this.#lost();
    client.end().catch(() => {});
    if (this.#stopped) return;
    logger.warn({ err: error }, "database notifications: connection lost; reconnecting");
    setTimeout(() => void this.#connect(), RECONNECT_DELAY_MS).unref();
  }

  #lost(): void {
    this.#client = undefined;
    const wasConnected = this.#connected;
    this.#connected = false;
    if (wasConnected) for (const subscriber of this.subscribers) subscriber.onDisconnected?.();
  }
}
