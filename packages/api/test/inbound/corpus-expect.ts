// The corpus's checks of what a mail became: the message as the API answers it, and its ticket. The message's checks
// are soft, so that one failing case reports every way it differs from the spec at once.
import type { Db } from "@helpdesk/db";
import { DomUtils, parseDocument } from "htmlparser2";
import { expect } from "vitest";
import { getMessage } from "../../src/services/messages/index.ts";
import { unsafeParts } from "../support/xss.ts";
import type { MessageExpectation, TicketExpectation } from "./corpus.ts";

const QUOTED_CLASS = "hd-quoted";
const STORED_IMAGE = /^\/helpdesk\/api\/attachments\/(att_[0-9a-z]{26})$/;

export async function expectCreatedMessage(db: Db, messageId: string, expected: MessageExpectation) {
  const message = await getMessage(db, messageId);
  expect.soft(message).toMatchObject({ type: "request", authorId: null, source: "email", from: expected.from, recipients: [] });
  if (expected.ccs) expect.soft(message.ccs.map((cc) => cc.email.toLowerCase())).toEqual(expected.ccs);

  // Whatever the mail held, nothing that runs survives (the sanitizer's allow-list, plus the quote's wrapper), and no
  // NUL reaches the database.
  expect.soft(unsafeParts(message.content.replaceAll(` class="${QUOTED_CLASS}"`, ""))).toEqual([]);
  expect.soft(message.content).not.toMatch(/<script|javascript:/i);
  expect.soft(message.content + message.textContent).not.toContain("\u0000");

  for (const text of expected.textIncludes ?? []) expect.soft(message.textContent).toContain(text);
  for (const text of expected.textExcludes ?? []) expect.soft(message.textContent).not.toContain(text);
  for (const text of expected.contentIncludes ?? []) expect.soft(message.content).toContain(text);
  if (expected.content !== undefined) expect.soft(message.content).toBe(expected.content);

  const document = parseDocument(message.content);
  const quotes = DomUtils.findAll((element) => (element.attribs.class ?? "").split(/\s+/).includes(QUOTED_CLASS), document.children);
  if (expected.quoted) {
    expect(quotes).toHaveLength(1);
    const quoted = DomUtils.textContent(quotes[0]!);
    for (const text of expected.quoted) expect.soft(quoted).toContain(text);
    // The quote is folded away at the end: nothing but white space follows it.
    const after = DomUtils.nextElementSibling(quotes[0]!);
    expect.soft(after).toBeNull();
    expect.soft(topLevel(quotes[0]!)).toBe(document.children.filter((node) => node.type !== "text" || node.data.trim() !== "").at(-1));
  } else {
    expect.soft(quotes).toHaveLength(0);
  }

  if (expected.attachments) {
    const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);
    const attachments = message.attachments.map(({ name, contentType, size }) => ({ name, contentType, size })).sort(byName);
    expect.soft(attachments).toEqual([...expected.attachments].sort(byName));
  }
  const images = DomUtils.findAll((element) => element.name === "img", document.children).map((image) => image.attribs.src ?? "");
  expect.soft(message.content).not.toContain("cid:");
  const stored = images.map((src) => STORED_IMAGE.exec(src)?.[1]).filter((id) => id !== undefined);
  expect.soft(stored).toHaveLength(expected.inlineImages ?? 0);
  for (const id of stored) expect.soft(message.attachments.map((attachment) => attachment.id)).toContain(id);
}

/** The element's ancestor just under the document root. */
function topLevel(node: ReturnType<typeof DomUtils.findAll>[number]) {
  let current: typeof node = node;
  while (current.parent && current.parent.type !== "root") current = current.parent as typeof node;
  return current;
}

export async function expectTicket(db: Db, ticketId: string | null, expected: TicketExpectation, ticketOf: (name: string) => string) {
  const id = expected.sameAs ? ticketOf(expected.sameAs) : ticketId;
  if (expected.sameAs && ticketId) expect(ticketId).toBe(id);
  expect(id).toBeTruthy();
  const ticket = await db.ticket.findUniqueOrThrow({ where: { id: id! } });
  if (expected.subject !== undefined) expect(ticket.subject).toBe(expected.subject);
  if (expected.requester) expect({ email: ticket.requesterEmail, name: ticket.requesterName }).toEqual(expected.requester);
  if (expected.status) expect(ticket.status).toBe(expected.status);
  if (expected.followUpOf) {
    const closed = ticketOf(expected.followUpOf);
    expect(ticket.followUpOfId).toBe(closed);
    expect(ticket.id).not.toBe(closed);
    // The closed ticket stays closed: the follow-up is a ticket of its own.
    expect((await db.ticket.findUniqueOrThrow({ where: { id: closed } })).status).toBe("closed");
  } else if (!expected.sameAs) {
    expect(ticket.followUpOfId).toBeNull();
  }
}
