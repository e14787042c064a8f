// Live events across server instances: writers NOTIFY inside their transaction (delivered only on commit), and
// each server process LISTENs on one connection and fans events out to its subscribers. The same connection carries
// the user changes that keep this instance's session-user cache current (@helpdesk/auth's sessionUsers), so a
// revocation is heard before any event committed after it.
import { EventEmitter, on } from "node:events";
import { sessionUsers } from "@helpdesk/auth";
import { type Db, Prisma } from "@helpdesk/db";
import { presence } from "../presence/instance.ts";
import { PgListener } from "./pg-listener.ts";

const CHANNEL = "helpdesk_events";

export type HelpdeskEvent = { kind: "message.created"; ticketId: string; messageId: string } | { kind: "ticket.changed"; ticketId: string };

/** The call that announces `event`, for a statement that writes what it announces (delivered on commit). */
export function notifySql(event: HelpdeskEvent): Prisma.Sql {
  return Prisma.sql`pg_notify(${CHANNEL}, ${JSON.stringify(event)})`;
}

/** Inside a transaction the event goes out on commit; outside one, at once. */
export async function publish(tx: Db | Prisma.TransactionClient, event: HelpdeskEvent): Promise<void> {
  await tx.$executeRaw`SELECT ${notifySql(event)}`;
}

const emitter = new EventEmitter();
emitter.setMaxListeners(0);
const liveEvents = { channel: CHANNEL, onNotification: (payload: string) => emitter.emit("event", JSON.parse(payload)) };

let listener: PgListener | undefined;

/**
 * This process's listener, started on first use (the first request or subscription). Until it is connected the
 * session-user cache is bypassed, so nothing depends on when that happens. Null without DATABASE_URL.
 */
export function processListener(): PgListener | null {
  const url = process.env.DATABASE_URL;
  if (!url) return null;
  listener ??= new PgListener(url, [liveEvents, sessionUsers, presence]);
  listener.start();
  return listener;
}

/** Every event published by any instance from now on, until `signal` aborts. */
export async function* events(signal: AbortSignal | undefined): AsyncGenerator<HelpdeskEvent> {
  const listening = processListener();
  if (!listening) throw new Error("DATABASE_URL is not set");
  const stream = on(emitter, "event", { signal });
  await listening.whenConnected();
  try {
    for await (const [event] of stream) yield event as HelpdeskEvent;
  } catch (error) {
    if ((error as Error).name !== "AbortError") throw error;
  }
}
