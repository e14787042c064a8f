// Issue 13, new ticket from the console: a dialog (agents and admins) that logs the customer's request, or sends the
// agent's first reply by email; errors appear at their fields; on success the console opens the new ticket.
import type { TTicket } from "@helpdesk/validators";
import { expect, test, type Page } from "@playwright/test";
import { expectAccessible, inBothThemes } from "./finding-support";
import { listMessages, me, rest, signIn, unique, withDatabase } from "./support";

test.use({ viewport: { width: 1280, height: 900 } });

const dialog = (page: Page) => page.getByRole("dialog", { name: "New ticket" });

async function openDialog(page: Page) {
  await page.getByRole("button", { name: "New ticket" }).click();
  await expect(dialog(page)).toBeVisible();
}

async function fill(page: Page, fields: { email: string; name: string; subject: string; text: string }) {
  await dialog(page).getByLabel("Requester email").fill(fields.email);
  await dialog(page).getByLabel("Requester name").fill(fields.name);
  await dialog(page).getByLabel("Subject").fill(fields.subject);
  await dialog(page).getByLabel("Message", { exact: true }).fill(fields.text);
}

function ticketIdOf(page: Page): string {
  return new URL(page.url()).pathname.split("/").pop() as string;
}

test("errors show at their fields, and nothing is created", async ({ page, request }) => {
  const before = await rest<{ new: number }>(request, "agent", "GET", "/tickets/counts");
  await signIn(page, "agent");
  await openDialog(page);
  await dialog(page).getByLabel("Requester email").fill("not an address");
  await dialog(page).getByRole("button", { name: "Create ticket" }).click();
  const email = dialog(page).getByLabel("Requester email");
  await expect(email).toHaveAttribute("aria-invalid", "true");
  await expect(email).toHaveAccessibleDescription("Must be a valid email address.");
  await expect(email).toBeFocused();
  await expect(dialog(page).getByLabel("Subject")).toHaveAccessibleDescription("Must not be empty.");
  await expect(dialog(page).getByLabel("Message", { exact: true })).toHaveAccessibleDescription("Must not be empty.");
  await expect(dialog(page).getByLabel("Requester name")).not.toHaveAttribute("aria-invalid", "true");
  await expect(page).toHaveURL(/\/$/);
  expect(await rest<{ new: number }>(request, "agent", "GET", "/tickets/counts")).toMatchObject({ new: before.new });

  await inBothThemes(page, async (theme) => {
    await openDialog(page);
    await dialog(page).getByRole("button", { name: "Create ticket" }).click();
    await expect(dialog(page).getByLabel("Subject")).toHaveAttribute("aria-invalid", "true");
    await expectAccessible(page, '[role="dialog"]', `the new-ticket dialog with errors (${theme})`);
    // Escape closes it, and the focus goes back to the button.
    await page.keyboard.press("Escape");
    await expect(dialog(page)).toHaveCount(0);
    await expect(page.getByRole("button", { name: "New ticket" })).toBeFocused();
  });
});

test("a request logged for the customer: the ticket opens with its fields and assignee, and no email goes out", async ({ page, request }) => {
  const suffix = unique();
  const email = `caller-${suffix}@example.com`;
  await signIn(page, "agent");
  await openDialog(page);
  await fill(page, { email, name: "Casey Caller", subject: `Phoned about a refund ${suffix}`, text: "Called at 10:00.\n\nWants a refund for order 42 & asks <why>." });
  await dialog(page).getByLabel("Priority").selectOption("high");
  await dialog(page).getByLabel("Type").selectOption("incident");
  await dialog(page).getByLabel("Assignee").selectOption({ label: "Me (Sam Agent)" });
  await dialog(page).getByRole("button", { name: "Create ticket" }).click();

  await expect(page).toHaveURL(/\/tickets\/tkt_/);
  await expect(page.getByRole("heading", { level: 1 })).toContainText(`Phoned about a refund ${suffix}`);
  const ticket = await rest<TTicket>(request, "viewer", "GET", `/tickets/${ticketIdOf(page)}`);
  const agent = await me(request, "agent");
  expect(ticket).toMatchObject({ requesterEmail: email, requesterName: "Casey Caller", priority: "high", type: "incident", assigneeId: agent.id, status: "new" });
  const { data: messages } = await listMessages(request, ticket.id);
  expect(messages).toHaveLength(1);
  expect(messages[0]).toMatchObject({ type: "request", delivery: { status: "not_sent" } });
  expect(messages[0]?.content).toBe("<p>Called at 10:00.</p><p>Wants a refund for order 42 &amp; asks &lt;why&gt;.</p>");
  await expect(page.getByTestId("message")).toContainText("Wants a refund for order 42 & asks <why>.");
});

test("an outgoing first reply: the ticket is created without a request and the reply is queued as an email to the customer", async ({ page, request }) => {
  const suffix = unique();
  const email = `prospect-${suffix}@example.com`;
  // An admin this time: the button is for agents and admins.
  await signIn(page, "admin");
  await openDialog(page);
  await fill(page, { email, name: "Pat Prospect", subject: `Your trial ends soon ${suffix}`, text: "Hello Pat, your trial ends on Friday." });
  await dialog(page).getByRole("radio", { name: /Reply to the customer/ }).check();
  await dialog(page).getByRole("button", { name: "Create and send" }).click();

  await expect(page).toHaveURL(/\/tickets\/tkt_/);
  const ticketId = ticketIdOf(page);
  const { data: messages } = await listMessages(request, ticketId);
  expect(messages.map((message) => message.type)).toEqual(["response"]);
  expect(messages[0]?.delivery.status).toBe("queued");
  expect(messages[0]?.source).toBe("console");
  const outgoing = await withDatabase((client) => client.query<{ to: { email: string }[] }>(`SELECT "to" FROM "OutgoingEmail" WHERE "messageId" = $1`, [messages[0]?.id]));
  expect(outgoing.rows.map((row) => row.to.map((recipient) => recipient.email))).toEqual([[email]]);
  await expect(page.getByTestId("message")).toContainText("your trial ends on Friday");
});

test("viewers get no New ticket button", async ({ page }) => {
  await signIn(page, "viewer");
  await expect(page.getByRole("navigation", { name: "Queues" })).toBeVisible();
  await expect(page.getByRole("button", { name: "New ticket" })).toHaveCount(0);
});
