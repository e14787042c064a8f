import { loadSessionUser, type SessionUser } from "@helpdesk/auth";
import type { Db } from "@helpdesk/db";
import { events, type HelpdeskEvent } from "./bus.ts";

/**
 * The events a signed-in subscriber asked for. Before each one the user is re-read, as every request does: a
 * stream ends as soon as its session is revoked or its user deactivated.
 */
export async function* eventsFor<E extends HelpdeskEvent>(
  ctx: { db: Db; user: SessionUser },
  signal: AbortSignal | undefined,
  wanted: (event: HelpdeskEvent) => event is E,
): AsyncGenerator<E> {
  const claims = { userId: ctx.user.id, sessionVersion: ctx.user.sessionVersion };
  for await (const event of events(signal)) {
    if (!wanted(event)) continue;
    if (!(await loadSessionUser(ctx.db, claims))) return;
    yield event;
  }
}
