// Issue 13, customer history: the ticket page lists the requester's other tickets (status, subject, last activity),
// each a link, and nobody else's.
import type { TTicket } from "@helpdesk/validators";
import { expect, test } from "@playwright/test";
import { createTicket, rest, signIn, unique } from "./support";
import { expectAccessible, inBothThemes } from "./finding-support";

test.use({ viewport: { width: 1280, height: 900 } });

test("the ticket page lists the requester's other tickets and links to them", async ({ page, request }) => {
  const requester = `returning-${unique()}@example.com`;
  const first = await createTicket(request, "First order never came", { requester_email: requester }, "admin");
  await rest(request, "admin", "PATCH", `/tickets/${first.id}`, { status: "resolved" });
  const second = await createTicket(request, "Wrong size delivered", { requester_email: requester.toUpperCase() }, "admin");
  const current = await createTicket(request, "Invoice address change", { requester_email: requester }, "admin");
  const stranger = await createTicket(request, "Someone else's question", {}, "admin");

  await signIn(page, "viewer");
  await page.goto(`/tickets/${current.id}`);
  const history = page.getByRole("region", { name: /^Other tickets from/ });
  const items = history.getByRole("listitem");
  await expect(items).toHaveCount(2);
  // Newest first, each with its status and when it last changed.
  await expect(items.nth(0)).toContainText(second.subject);
  await expect(items.nth(0).getByText("new", { exact: true })).toBeVisible();
  await expect(items.nth(1)).toContainText(first.subject);
  await expect(items.nth(1).getByText("resolved", { exact: true })).toBeVisible();
  await expect(items.nth(1).locator("time")).toHaveAttribute("datetime", /^\d{4}-/);
  await expect(history).not.toContainText(current.subject);
  await expect(history).not.toContainText(stranger.subject);

  await inBothThemes(page, async (theme) => {
    await expect(items).toHaveCount(2);
    await expectAccessible(page, '[data-testid="customer-history"]', `the customer history (${theme})`);
  });

  await items.nth(1).getByRole("link").click();
  await expect(page).toHaveURL(new RegExp(`/tickets/${first.id}$`));
  await expect(page.getByRole("heading", { level: 1 })).toContainText(first.subject);
  await expect(history.getByRole("listitem")).toHaveCount(2);
  await expect(history).toContainText(current.subject);

  // A first-time customer has none.
  await page.goto(`/tickets/${stranger.id}`);
  await expect(history).toContainText("None: this is their first ticket.");
  const check = await rest<{ data: TTicket[] }>(request, "viewer", "GET", `/tickets?requester_email=${encodeURIComponent(requester)}`);
  expect(check.data).toHaveLength(3);
});
