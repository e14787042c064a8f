// Tickets and messages made through the API as a client would, plus direct database helpers for what no client can do
// (closing a ticket as the automation does, inserting messages with chosen timestamps).
import { randomUUID } from "node:crypto";
import { getDb, newId } from "@helpdesk/db";
import { expect } from "vitest";
import { call, type TestApi } from "./api.ts";

export { ISO_UTC_MS, MESSAGE_ID, newNote, TICKET_ID, UNKNOWN_MESSAGE_ID, UNKNOWN_TICKET_ID } from "@helpdesk/api/test-support/contract";

export interface Answer {
  status: number;
  headers: Headers;
  body: any;
}

/** A unique word to find this test's tickets with `q` while other files share the database. */
export const marker = () => `mk${randomUUID().replace(/-/g, "").slice(0, 16)}`;

export function expectError(response: Answer, status: number, code: string) {
  expect(response.body?.error, JSON.stringify(response.body)).toMatchObject({ code, status });
  expect(response.status).toBe(status);
  expect(typeof response.body.error.message).toBe("string");
}

/** A 422 whose details name `field`, optionally with the issue code of its first issue. */
export function expectValidation(response: Answer, field: string, issueCode?: string) {
  expectError(response, 422, "VALIDATION_ERROR");
  const details = response.body.error.details ?? {};
  expect(Object.keys(details), JSON.stringify(details)).toContain(field);
  if (issueCode) expect(details[field][0].code).toBe(issueCode);
}

export async function createTicket(api: TestApi, token: string, overrides: Record<string, unknown> = {}) {
  const body = {
    subject: `Printer on fire ${marker()}`,
    requester_email: `customer-${randomUUID()}@example.test`,
    requester_name: "Casey Customer",
    ...overrides,
  };
  const response = await call(api, "POST", "/tickets", { token, body });
  if (response.status !== 201) throw new Error(`ticket create failed: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
}

export function postMessage(api: TestApi, token: string, body: Record<string, unknown>, headers: Record<string, string> = {}) {
  return call(api, "POST", "/messages", { token, body: { type: "note", content: "<p>Hello</p>", ...body }, headers });
}

export async function createMessage(api: TestApi, token: string, body: Record<string, unknown>) {
  const response = await postMessage(api, token, body);
  if (response.status !== 201) throw new Error(`message create failed: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
}

export async function getTicket(api: TestApi, token: string, ticketId: string) {
  const response = await call(api, "GET", `/tickets/${ticketId}`, { token });
  expect(response.status).toBe(200);
  return response.body;
}

/** What the automation does: only the system closes tickets. */
export async function closeTicketInDb(ticketId: string) {
  const now = new Date();
  await getDb().ticket.update({ where: { id: ticketId }, data: { status: "closed", closedAt: now, resolvedAt: now } });
}

export async function setStatusInDb(ticketId: string, status: "new" | "open" | "pending" | "resolved") {
  await getDb().ticket.update({
    where: { id: ticketId },
    data: { status, resolvedAt: status === "resolved" ? new Date() : null },
  });
}

export const messageCount = (ticketId: string) => getDb().message.count({ where: { ticketId } });
export const outgoingEmails = (messageId: string) => getDb().outgoingEmail.findMany({ where: { messageId } });

/**
 * Inserts a message row directly, with a chosen id and createdAt. The ticket's messageCount (which the list's
 * total reads) is kept in step, as the service does in the message's transaction.
 */
export async function insertMessageInDb(ticketId: string, authorId: string, createdAt: Date, id = newId("msg")) {
  const db = getDb();
  await db.$transaction([
    db.message.create({
      data: { id, ticketId, authorId, type: "note", content: `<p>${id}</p>`, textContent: id, createdAt },
    }),
    db.ticket.update({ where: { id: ticketId }, data: { messageCount: { increment: 1 } } }),
  ]);
  return id;
}

/** Ids in (createdAt, id) order, the list's order. */
export function sortedIds(messages: { id: string; createdAt: string }[]): string[] {
  return [...messages]
    .sort((a, b) => (a.createdAt === b.createdAt ? (a.id < b.id ? -1 : a.id > b.id ? 1 : 0) : a.createdAt < b.createdAt ? -1 : 1))
    .map((message) => message.id);
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
