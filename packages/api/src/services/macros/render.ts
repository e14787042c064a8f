import type { Db } from "@helpdesk/db";
import type { TMacroPlaceholder, TRenderedMacro } from "@helpdesk/validators";
import { escapeHtml } from "../../content/escape.ts";
import { notFound } from "../../errors.ts";
import { getMacro } from "./macros.ts";

// `{{ name }}` with optional spaces inside the braces.
const PLACEHOLDER = /\{\{\s*([a-z_.]+)\s*\}\}/g;

/**
 * A macro ready to send on a ticket: its placeholders filled from the ticket and the agent, each value HTML-escaped
 * (the content is sanitized HTML, and a customer chooses their own name). A placeholder it does not know stays as
 * typed, so the agent sees it in the composer and can fix it before sending.
 */
export async function renderMacro(db: Db, macroId: string, ticketId: string, agent: { name: string }): Promise<TRenderedMacro> {
  const macro = await getMacro(db, macroId);
  const ticket = await db.ticket.findUnique({ where: { id: ticketId }, select: { id: true, requesterName: true, requesterEmail: true } });
  if (!ticket) throw notFound("Ticket", ticketId);
  const values: Record<TMacroPlaceholder, string> = {
    // A requester without a name is greeted by their address.
    "ticket.requester_name": ticket.requesterName ?? ticket.requesterEmail,
    "ticket.id": ticket.id,
    "agent.name": agent.name,
  };
  const content = macro.content.replace(PLACEHOLDER, (typed, name: string) =>
    Object.hasOwn(values, name) ? escapeHtml(values[name as TMacroPlaceholder]) : typed,
  );
  return { content, ticket_update: macro.ticketUpdate, add_tags: macro.addTags };
}
