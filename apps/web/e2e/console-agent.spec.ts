// An agent's day in the console: open a ticket, reply with a CC, add a note, forward, set the status with the reply,
// and the composer's promises (one post per double click, drafts that survive a reload, keyboard navigation).
import { expect, test, type Page } from "@playwright/test";
import { createTicket, getTicket, listMessages, signIn, unique } from "./support";

test.beforeEach(async ({ page }) => {
  await signIn(page, "agent");
});

const composer = (page: Page) => page.getByRole("form", { name: "Composer" });
const messageCard = (page: Page, text: string) => page.getByTestId("message").filter({ hasText: text });

async function openTicket(page: Page, ticketId: string) {
  await page.goto(`/tickets/${ticketId}`);
  await expect(page.getByRole("textbox", { name: "Reply text" })).toBeVisible();
}

test("an agent finds a ticket in the inbox and opens it", async ({ page, request }) => {
  const ticket = await createTicket(request, "Cannot log in after update");
  await page.goto("/");
  await page.getByRole("searchbox", { name: "Search tickets" }).fill(ticket.subject);
  const row = page.getByRole("list", { name: "Tickets" }).getByRole("listitem").filter({ hasText: ticket.subject });
  await expect(row).toHaveCount(1);
  await expect(row.getByText("new", { exact: true })).toBeVisible();
  await expect(row).toContainText(ticket.requesterEmail);
  await row.getByRole("link").click();

  await expect(page).toHaveURL(new RegExp(`/tickets/${ticket.id}$`));
  await expect(page.getByRole("heading", { level: 1 })).toContainText(ticket.subject);
  const request1 = messageCard(page, "I need help with: cannot log in after update");
  await expect(request1).toHaveAttribute("data-message-type", "request");
  await expect(request1).toContainText("Robin Customer");
});

test("a reply with a CC shows in the thread with its CC and its delivery state", async ({ page, request }) => {
  const ticket = await createTicket(request, "Reply with a CC");
  await openTicket(page, ticket.id);
  const cc = `manager-${unique()}@example.com`;
  const text = `Thanks for writing in ${unique()}`;

  await composer(page).getByRole("textbox", { name: "Reply text" }).fill(text);
  const ccInput = composer(page).getByLabel("Cc", { exact: true });
  await ccInput.fill(cc);
  await ccInput.press("Enter");
  await expect(composer(page).getByRole("button", { name: `Remove ${cc}` })).toBeVisible();
  await expect(ccInput).toHaveValue("");
  await composer(page).getByRole("button", { name: "Send", exact: true }).click();

  const card = messageCard(page, text);
  await expect(card).toHaveAttribute("data-message-type", "response");
  await expect(card).toHaveAccessibleName("Reply from Sam Agent");
  await expect(card.getByTestId("message-ccs")).toHaveText(cc);
  await expect(card.getByTestId("delivery")).toHaveText("Queued for delivery");
  await expect(page.getByText("Reply sent")).toBeVisible();
  // The composer starts over after a send.
  await expect(composer(page).getByRole("textbox", { name: "Reply text" })).toHaveText("");
  await expect(composer(page).getByRole("button", { name: `Remove ${cc}` })).toHaveCount(0);

  // What the thread shows is what the API stored.
  const stored = (await listMessages(request, ticket.id)).data.find((message) => message.textContent.includes(text));
  expect(stored?.type).toBe("response");
  expect(stored?.ccs.map((address) => address.email)).toEqual([cc]);
  expect(stored?.delivery.status).toBe("queued");
});

test("an invalid CC address is refused next to the field", async ({ page, request }) => {
  const ticket = await createTicket(request, "Invalid CC");
  await openTicket(page, ticket.id);
  const ccInput = composer(page).getByLabel("Cc", { exact: true });
  await ccInput.fill("not-an-address");
  await ccInput.press("Enter");
  await expect(ccInput).toHaveAttribute("aria-invalid", "true");
  await expect(composer(page).getByRole("alert")).toHaveText("“not-an-address” is not a valid email address.");
});

test("an internal note is marked as internal and sends no email", async ({ page, request }) => {
  const ticket = await createTicket(request, "Internal note");
  await openTicket(page, ticket.id);
  const text = `Checked the logs, looks like a cache issue ${unique()}`;

  await composer(page).getByRole("tab", { name: "Internal note" }).click();
  await expect(composer(page).getByRole("tab", { name: "Internal note" })).toHaveAttribute("aria-selected", "true");
  await expect(composer(page).getByText("Internal notes are visible to your team only")).toBeVisible();
  await expect(composer(page).getByLabel("Cc", { exact: true })).toHaveCount(0);
  await composer(page).getByRole("textbox", { name: "Internal note text" }).fill(text);
  await composer(page).getByRole("button", { name: "Add note", exact: true }).click();

  const card = messageCard(page, text);
  await expect(card).toHaveAttribute("data-message-type", "note");
  await expect(card).toHaveAccessibleName("Internal note from Sam Agent");
  await expect(card.getByText("Internal note", { exact: true })).toBeVisible();
  await expect(card.getByTestId("delivery")).toHaveCount(0);
  const stored = (await listMessages(request, ticket.id)).data.find((message) => message.textContent.includes(text));
  expect(stored?.type).toBe("note");
  expect(stored?.delivery.status).toBe("not_sent");
});

test("a forward goes to its recipients and shows in the thread", async ({ page, request }) => {
  const ticket = await createTicket(request, "Forward to engineering");
  await openTicket(page, ticket.id);
  const recipient = `engineering-${unique()}@example.com`;
  const text = `Could you have a look at this one? ${unique()}`;

  await composer(page).getByRole("tab", { name: "Forward" }).click();
  const to = composer(page).getByLabel("Forward to", { exact: true });
  await to.fill(recipient);
  await to.press("Enter");
  await composer(page).getByRole("textbox", { name: "Forward text" }).fill(text);
  await composer(page).getByRole("button", { name: "Forward", exact: true }).click();

  const card = messageCard(page, text);
  await expect(card).toHaveAttribute("data-message-type", "response");
  await expect(card.getByText("Forward", { exact: true })).toBeVisible();
  await expect(card).toContainText(`To: ${recipient}`);
  await expect(card.getByTestId("delivery")).toHaveText("Queued for delivery");
  await expect(page.getByText("Forwarded")).toBeVisible();
  const stored = (await listMessages(request, ticket.id)).data.find((message) => message.textContent.includes(text));
  expect(stored?.isForward).toBe(true);
  expect(stored?.recipients.map((address) => address.email)).toEqual([recipient]);
});

test("a forward without recipients is refused next to the Forward to field", async ({ page, request }) => {
  const ticket = await createTicket(request, "Forward without recipients");
  await openTicket(page, ticket.id);
  await composer(page).getByRole("tab", { name: "Forward" }).click();
  await composer(page).getByRole("textbox", { name: "Forward text" }).fill("FYI");
  await composer(page).getByRole("button", { name: "Forward", exact: true }).click();
  const to = composer(page).getByLabel("Forward to", { exact: true });
  await expect(to).toHaveAttribute("aria-invalid", "true");
  await expect(to).toHaveAccessibleDescription(/\S/);
  test.info().annotations.push({ type: "error shown next to Forward to", description: (await composer(page).getByRole("alert").first().textContent()) ?? "" });
  expect((await listMessages(request, ticket.id)).pagination.total).toBe(1);
});

test("a reply sets the ticket's status in the same send", async ({ page, request }) => {
  const ticket = await createTicket(request, "Send and set Pending");
  await openTicket(page, ticket.id);
  const fields = page.getByRole("complementary", { name: "Ticket fields" });
  await expect(fields.getByLabel("Status")).toHaveValue("new");
  const text = `Could you send us a screenshot? ${unique()}`;

  await composer(page).getByRole("textbox", { name: "Reply text" }).fill(text);
  const then = composer(page).getByLabel("Then set status");
  // `closed` is never offered: only the system closes tickets.
  await expect(then.locator("option")).toHaveText(["Keep status (new)", "and set Open", "and set Pending", "and set Resolved"]);
  await then.selectOption({ label: "and set Pending" });
  await composer(page).getByRole("button", { name: "Send and set Pending" }).click();

  await expect(messageCard(page, text)).toBeVisible();
  await expect(page.getByRole("heading", { level: 1 }).getByText("pending", { exact: true })).toBeVisible();
  await expect(fields.getByLabel("Status")).toHaveValue("pending");
  await expect(then).toHaveValue("");
  await expect(composer(page).getByRole("button", { name: "Send", exact: true })).toBeVisible();
  expect((await getTicket(request, ticket.id)).status).toBe("pending");
});

test("a double click on Send posts the reply once", async ({ page, request }) => {
  const ticket = await createTicket(request, "Double click");
  await openTicket(page, ticket.id);
  const before = (await listMessages(request, ticket.id)).pagination.total;
  const posts: string[] = [];
  page.on("request", (sent) => {
    if (sent.method() === "POST" && sent.url().includes("message.create")) posts.push(sent.url());
  });
  const text = `Only once, please ${unique()}`;

  await composer(page).getByRole("textbox", { name: "Reply text" }).fill(text);
  await composer(page).getByRole("button", { name: "Send", exact: true }).dblclick();

  await expect(messageCard(page, text)).toHaveCount(1);
  await expect(page.getByText("Reply sent")).toHaveCount(1);
  // Give a second post every chance to land before counting.
  await page.waitForTimeout(1000);
  await expect(messageCard(page, text)).toHaveCount(1);
  await expect(page.getByText("Reply sent")).toHaveCount(1);
  expect(posts).toHaveLength(1);
  const after = await listMessages(request, ticket.id);
  expect(after.pagination.total).toBe(before + 1);
  expect(after.data.filter((message) => message.textContent.includes(text))).toHaveLength(1);
});

test("a retry after a lost answer does not post twice (idempotency key)", async ({ page, request }) => {
  const ticket = await createTicket(request, "Retry after a lost answer");
  await openTicket(page, ticket.id);
  const text = `Sent over a flaky connection ${unique()}`;
  // The first send reaches the server, which creates the message, but its answer never reaches the browser.
  let lost = 0;
  await page.route("**/api/trpc/message.create**", async (route) => {
    if (lost++ === 0) {
      await route.fetch();
      await route.abort("connectionreset");
    } else {
      await route.continue();
    }
  });

  await composer(page).getByRole("textbox", { name: "Reply text" }).fill(text);
  await composer(page).getByRole("button", { name: "Send", exact: true }).click();
  await expect(composer(page).getByTestId("composer-error")).toBeVisible();
  await expect(composer(page).getByRole("textbox", { name: "Reply text" })).toHaveText(text);

  await composer(page).getByRole("button", { name: "Send", exact: true }).click();
  await expect(page.getByText("Reply sent")).toBeVisible();
  expect(lost).toBe(2);
  await expect(messageCard(page, text)).toHaveCount(1);
  const stored = (await listMessages(request, ticket.id)).data.filter((message) => message.textContent.includes(text));
  expect(stored).toHaveLength(1);
});

test("the inbox is driven by the keyboard: j/k move, Enter opens, / focuses search", async ({ page }) => {
  await page.goto("/");
  const rows = page.getByRole("list", { name: "Tickets" }).getByRole("listitem");
  await expect(rows.nth(2)).toBeVisible();
  await expect(rows.nth(0)).toHaveAttribute("aria-current", "true");

  await page.keyboard.press("j");
  await expect(rows.nth(1)).toHaveAttribute("aria-current", "true");
  await expect(rows.nth(0)).not.toHaveAttribute("aria-current");
  await page.keyboard.press("j");
  await page.keyboard.press("j");
  await page.keyboard.press("k");
  await expect(rows.nth(2)).toHaveAttribute("aria-current", "true");

  const search = page.getByRole("searchbox", { name: "Search tickets" });
  await page.keyboard.press("/");
  await expect(search).toBeFocused();
  // Typing in the search box types (and filters); it does not navigate.
  await page.keyboard.type("j");
  await expect(search).toHaveValue("j");
  // The words go to the URL (issue 13) once typing pauses; no ticket opened.
  await expect(page).toHaveURL(/\/\?q=j$/);
  await search.fill("");
  await search.blur();
  // The filter may have narrowed the list; move back to the third ticket of the full list.
  await expect(rows.nth(2)).toBeVisible();
  for (const key of ["k", "k", "k", "j", "j"]) await page.keyboard.press(key);
  await expect(rows.nth(2)).toHaveAttribute("aria-current", "true");

  const href = await rows.nth(2).getByRole("link").getAttribute("href");
  expect(href).toMatch(/^\/tickets\/tkt_/);
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(new RegExp(`${href}$`));
  await expect(page.getByRole("region", { name: "Conversation" })).toBeVisible();
});

test("a draft survives a reload", async ({ page, request }) => {
  const ticket = await createTicket(request, "Draft survives reload");
  await openTicket(page, ticket.id);
  const text = `Half-written answer ${unique()}`;
  const cc = `draft-${unique()}@example.com`;

  await composer(page).getByRole("textbox", { name: "Reply text" }).fill(text);
  await composer(page).getByLabel("Cc", { exact: true }).fill(cc);
  await composer(page).getByLabel("Cc", { exact: true }).press("Enter");
  // Kept on the server (collab-drafts.spec.ts follows it into another browser).
  await expect(composer(page).getByText("Draft saved")).toBeVisible();

  await page.reload();
  await expect(composer(page).getByRole("textbox", { name: "Reply text" })).toHaveText(text);
  await expect(composer(page).getByRole("button", { name: `Remove ${cc}` })).toBeVisible();
  // Nothing was sent by reloading.
  expect((await listMessages(request, ticket.id)).pagination.total).toBe(1);
});
