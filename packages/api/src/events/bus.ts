// Live events across server instances: writers NOTIFY inside their transaction (delivered only on commit), and
// each server process LISTENs on one connection and fans events out to its subscribers.
import { logger } from "@helpdesk/log";
import { EventEmitter, on } from "node:events";
import type { Db, Prisma } from "@helpdesk/db";
import pg from "pg";

const CHANNEL = "helpdesk_events";

export type HelpdeskEvent = { kind: "message.created"; ticketId: string; messageId: string } | { kind: "ticket.changed"; ticketId: string };

/** Inside a transaction the event goes out on commit; outside one, at once. */
export async function publish(tx: Db | Prisma.TransactionClient, event: HelpdeskEvent): Promise<void> {
  await tx.$executeRaw`SELECT pg_notify(${CHANNEL}, ${JSON.stringify(event)})`;
}

const emitter = new EventEmitter();
emitter.setMaxListeners(0);
let listening: Promise<void> | undefined;

function listen(url: string): Promise<void> {
  listening ??= (async () => {
    const client = new pg.Client({ connectionString: url });
    client.on("notification", (notification) => {
      if (notification.channel === CHANNEL && notification.payload) emitter.emit("event", JSON.parse(notification.payload));
    });
    client.on("error", (error) => {
      logger.warn({ err: error }, "live events: connection lost; reconnecting");
      listening = undefined;
      setTimeout(() => void listen(url).catch(() => {}), 1000).unref();
    });
    await client.connect();
    await client.query(`LISTEN ${CHANNEL}`);
  })();
  return listening;
}

/** Every event published by any instance from now on, until `signal` aborts. */
export async function* events(signal: AbortSignal | undefined): AsyncGenerator<HelpdeskEvent> {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set");
  const stream = on(emitter, "event", { signal });
  await listen(url);
  try {
    for await (const [event] of stream) yield event as HelpdeskEvent;
  } catch (error) {
    if ((error as Error).name !== "AbortError") throw error;
  }
}
