// Helpers shared by the browser tests: signing in through the real form, the REST API (to create data the way an
// external client would, and to check what the console really posted), and — for states only the system can reach —
// the e2e server's throwaway database.
import { readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { TMessage, TTicket, TUser } from "@helpdesk/validators";
import { expect, type APIRequestContext, type Page } from "@playwright/test";
import pg from "pg";

export type Role = "admin" | "agent" | "viewer";

export const USERS: Record<Role, { email: string; password: string; name: string }> = {
  admin: { email: "admin@helpdesk.local", password: "admin-password", name: "Ada Admin" },
  agent: { email: "agent@helpdesk.local", password: "agent-password", name: "Sam Agent" },
  viewer: { email: "viewer@helpdesk.local", password: "viewer-password", name: "Vic Viewer" },
};

/** A short suffix that keeps subjects, emails and texts of one test apart from every other test's. */
export function unique(): string {
  return `${Date.now().toString(36).slice(-4)}${Math.random().toString(36).slice(2, 6)}`;
}

/** Signs in through the sign-in form and waits for the console to show who is signed in. */
export async function signIn(page: Page, role: Role): Promise<void> {
  await page.goto("/signin");
  await page.getByLabel("Email").fill(USERS[role].email);
  await page.getByLabel("Password").fill(USERS[role].password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("signed-in-role")).toHaveText(role);
}

// ---- REST ---------------------------------------------------------------------------------------------------

const tokens = new Map<string, string>();

/** A session token for a user, from POST /auth/session (kept for the rest of the run). */
export async function tokenFor(request: APIRequestContext, user: Role | { email: string; password: string }): Promise<string> {
  const credentials = typeof user === "string" ? USERS[user] : user;
  const cached = tokens.get(credentials.email);
  if (cached) return cached;
  const response = await request.post("/helpdesk/api/auth/session", { data: { email: credentials.email, password: credentials.password } });
  expect(response.status(), await response.text()).toBe(201);
  const { token } = (await response.json()) as { token: string };
  tokens.set(credentials.email, token);
  return token;
}

/** Calls the REST API as a user and returns the parsed JSON, failing the test on an unexpected status. */
export async function rest<T>(
  request: APIRequestContext,
  as: Role | { email: string; password: string },
  method: "GET" | "POST" | "PATCH",
  url: string,
  body?: unknown,
  expectedStatus = method === "POST" ? 201 : 200,
): Promise<T> {
  const headers = { Authorization: `Bearer ${await tokenFor(request, as)}` };
  const response = await request.fetch(`/helpdesk/api${url}`, { method, headers, ...(body === undefined ? {} : { data: body }) });
  expect(response.status(), `${method} ${url}: ${await response.text()}`).toBe(expectedStatus);
  return (await response.json()) as T;
}

/** A new ticket with one customer request, created through the REST API by the agent (or `as`, to spread the load). */
export async function createTicket(request: APIRequestContext, subject: string, overrides: Record<string, unknown> = {}, as: Role = "agent"): Promise<TTicket> {
  const suffix = unique();
  return rest<TTicket>(request, as, "POST", "/tickets", {
    subject: `${subject} · ${suffix}`,
    requester_email: `customer-${suffix}@example.com`,
    requester_name: "Robin Customer",
    content: `<p>Hello, I need help with: ${subject.toLowerCase()}.</p>`,
    ...overrides,
  });
}

export interface MessagePage {
  data: TMessage[];
  pagination: { page: number; limit: number; total: number; totalPages: number; hasMore: boolean };
}

/** Every message of a ticket (up to 100) as the REST API lists them, and the total. */
export function listMessages(request: APIRequestContext, ticketId: string): Promise<MessagePage> {
  return rest<MessagePage>(request, "viewer", "GET", `/messages?ticket_id=${ticketId}&limit=100`);
}

export function getTicket(request: APIRequestContext, ticketId: string): Promise<TTicket> {
  return rest<TTicket>(request, "viewer", "GET", `/tickets/${ticketId}`);
}

export function me(request: APIRequestContext, as: Role | { email: string; password: string }): Promise<TUser> {
  return rest<TUser>(request, as, "GET", "/users/me");
}

// ---- The e2e server's database ------------------------------------------------------------------------------

/**
 * Runs `fn` on a connection to the e2e server's throwaway database. `scripts/serve.ts e2e` writes its URL to a
 * file named after the port; only states no client may reach (closed tickets, 10,000 messages at once) are made here.
 */
export async function withDatabase<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const port = process.env.E2E_PORT ?? "3100";
  const file = path.join(tmpdir(), `helpdesk-e2e-${port}.database-url`);
  const client = new pg.Client({ connectionString: readFileSync(file, "utf8").trim() });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/**
 * Closes a ticket the way the auto-close automation does (CONTRACT §7: only the system closes): the ticket must be
 * resolved; status, closedAt and updatedAt change together and an audit event records it.
 */
export async function closeAsTheSystem(ticketId: string): Promise<void> {
  await withDatabase(async (client) => {
    await client.query("BEGIN");
    const closed = await client.query(
      `UPDATE "Ticket" SET status = 'closed', "closedAt" = now(), "updatedAt" = now() WHERE id = $1 AND status = 'resolved' RETURNING id`,
      [ticketId],
    );
    expect(closed.rowCount, "the ticket must be resolved before the system closes it").toBe(1);
    await client.query(
      `INSERT INTO "AuditEvent" (id, "actorId", action, "subjectId", data) VALUES ($1, NULL, 'ticket.auto_closed', $2, '{"e2e":true}')`,
      [`aud_e2e${unique()}`, ticketId],
    );
    await client.query("COMMIT");
  });
}
