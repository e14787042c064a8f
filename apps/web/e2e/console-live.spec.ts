// Live updates: what another user does through the REST API shows in an open console without a reload.
import { expect, test } from "@playwright/test";
import { createTicket, rest, signIn, unique } from "./support";

test.beforeEach(async ({ page }) => {
  await signIn(page, "agent");
});

test("a message created through the REST API appears live on an open ticket page", async ({ page, request }) => {
  const ticket = await createTicket(request, "Live message");
  await page.goto(`/tickets/${ticket.id}`);
  const conversation = page.getByRole("region", { name: "Conversation" });
  await expect(conversation.getByTestId("message")).toHaveCount(1);
  await expect(conversation.getByRole("heading", { name: "1 message" })).toBeVisible();
  // Nothing below may reload the page.
  await page.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));

  const text = `Written by the admin through the API ${unique()}`;
  const sentAt = Date.now();
  await rest(request, "admin", "POST", "/messages", { ticket_id: ticket.id, type: "note", content: `<p>${text}</p>` });
  const card = conversation.getByTestId("message").filter({ hasText: text });
  await expect(card).toBeVisible({ timeout: 3000 });
  test.info().annotations.push({ type: "REST message visible on the open page after (ms)", description: String(Date.now() - sentAt) });

  await expect(card).toHaveAccessibleName("Internal note from Ada Admin");
  await expect(conversation.getByRole("heading", { name: "2 messages" })).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);

  // A customer's request that changes the ticket (new → open) updates the ticket's fields too.
  await rest(request, "admin", "POST", "/messages", {
    ticket_id: ticket.id, type: "request", content: "<p>Any news?</p>", ticket_update: { status: "open" },
  });
  await expect(conversation.getByTestId("message").filter({ hasText: "Any news?" })).toBeVisible({ timeout: 3000 });
  await expect(page.getByRole("complementary", { name: "Ticket fields" }).getByLabel("Status")).toHaveValue("open");
});

test("the inbox updates live when a ticket is created or changed", async ({ page, request }) => {
  await page.goto("/");
  const rows = page.getByRole("list", { name: "Tickets" }).getByRole("listitem");
  await expect(rows.first()).toBeVisible();
  await page.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));

  const ticket = await createTicket(request, "Live inbox");
  const row = rows.filter({ hasText: ticket.subject });
  await expect(row).toBeVisible({ timeout: 3000 });
  await expect(row.getByText("new", { exact: true })).toBeVisible();

  await rest(request, "admin", "PATCH", `/tickets/${ticket.id}`, { status: "pending", priority: "urgent" });
  await expect(row.getByText("pending", { exact: true })).toBeVisible({ timeout: 3000 });
  await expect(row.getByText("urgent", { exact: true })).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
});

test("a message written before the page's live stream connected still shows once it does", async ({ page, request }) => {
  const ticket = await createTicket(request, "Late listener");
  // Hold the live stream back, so the page has read the conversation but is not yet listening.
  let connect = () => {};
  const held = new Promise<void>((resolve) => (connect = resolve));
  await page.route("**/api/trpc/message.onCreated**", async (route) => {
    await held;
    await route.continue();
  });
  await page.goto(`/tickets/${ticket.id}`);
  const conversation = page.getByRole("region", { name: "Conversation" });
  await expect(conversation.getByTestId("message")).toHaveCount(1);

  const text = `Written while nobody listened ${unique()}`;
  await rest(request, "admin", "POST", "/messages", { ticket_id: ticket.id, type: "note", content: `<p>${text}</p>` });
  await page.waitForTimeout(500);
  await expect(conversation.getByTestId("message")).toHaveCount(1);

  connect();
  await expect(conversation.getByTestId("message").filter({ hasText: text })).toBeVisible({ timeout: 3000 });
  await expect(conversation.getByRole("heading", { name: "2 messages" })).toBeVisible();
});
