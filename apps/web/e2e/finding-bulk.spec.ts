// Issue 13, bulk actions: check inbox rows (a box, `x` on the focused row, shift-click for a range, all on the page),
// choose changes from the bulk menu and apply them in one request; a closed ticket among them is reported as refused.
// Each test works on tickets of its own customer (?requester_email=), so other specs' tickets never get in the way.
import { expect, type Page, test } from "@playwright/test";
import type { TTicket } from "@helpdesk/validators";
import { closeAsTheSystem, createTicket, getTicket, me, rest, signIn, unique, USERS } from "./support";
import { expectAccessible, inBothThemes } from "./finding-support";

test.use({ viewport: { width: 1280, height: 900 } });

/** `count` tickets of one new customer, oldest first (the inbox lists them newest first). */
async function customerTickets(request: Parameters<typeof createTicket>[0], count: number) {
  const email = `bulk-${unique()}@example.com`;
  const tickets: TTicket[] = [];
  for (let n = 0; n < count; n++) tickets.push(await createTicket(request, `Bulk ${n}`, { requester_email: email }));
  return { email, tickets };
}

async function openInbox(page: Page, email: string, rows: number) {
  await page.goto(`/?requester_email=${encodeURIComponent(email)}`);
  await expect(page.getByRole("list", { name: "Tickets" }).getByRole("listitem")).toHaveCount(rows);
}

const box = (page: Page, ticket: TTicket) => page.getByRole("checkbox", { name: `Select ${ticket.subject}` });
const bar = (page: Page) => page.getByRole("region", { name: "Bulk actions" });

/** Opens the bulk menu's submenu `menu` and picks `choice`. */
async function choose(page: Page, menu: string, choice: string) {
  await bar(page).getByRole("button", { name: "Change" }).click();
  await page.getByRole("menuitem", { name: menu }).click();
  await page.getByRole("menuitemradio", { name: choice, exact: true }).click();
}

test("check rows with the box, x and shift-click, then assign and set status in one request", async ({ page, request }) => {
  const { email, tickets } = await customerTickets(request, 5);
  const [t0, t1, t2, t3, t4] = [...tickets].reverse() as [TTicket, TTicket, TTicket, TTicket, TTicket]; // as listed
  // As the admin (an agent too): "Me" then leaves the agent's own queue, which the screenshots show, as seeded.
  await signIn(page, "admin");
  await openInbox(page, email, 5);

  // A box, then shift-click: the range from it.
  await box(page, t0).click();
  await box(page, t3).click({ modifiers: ["Shift"] });
  for (const ticket of [t0, t1, t2, t3]) await expect(box(page, ticket)).toBeChecked();
  await expect(box(page, t4)).not.toBeChecked();
  await expect(bar(page).getByRole("status")).toHaveText("4 selected");

  // x toggles the focused row (j/k move the focus; the mouse rests over the last row it entered, t3).
  await page.mouse.move(0, 0);
  await page.keyboard.press("k");
  await page.keyboard.press("k");
  await page.keyboard.press("x");
  await expect(box(page, t1)).not.toBeChecked();
  for (const _ of [1, 2, 3]) await page.keyboard.press("j");
  await page.keyboard.press("x");
  await expect(box(page, t4)).toBeChecked();
  await expect(bar(page).getByRole("status")).toHaveText("4 selected");

  await choose(page, "Assign to…", "Me");
  await choose(page, "Set status", "Pending");
  const pending = bar(page).getByRole("list", { name: "Changes to apply" });
  await expect(pending).toContainText(`Assign: ${USERS.admin.name}`);
  await expect(pending).toContainText("Status: Pending");
  await bar(page).getByRole("button", { name: "Apply to 4 tickets" }).click();

  await expect(page.getByText("Updated 4 tickets", { exact: true })).toBeVisible();
  await expect(bar(page).getByRole("status")).toHaveText(/Select tickets/);
  for (const ticket of tickets) await expect(box(page, ticket)).not.toBeChecked();
  const admin = await me(request, "admin");
  for (const ticket of [t0, t2, t3, t4]) expect(await getTicket(request, ticket.id)).toMatchObject({ assigneeId: admin.id, status: "pending" });
  expect(await getTicket(request, t1.id)).toMatchObject({ assigneeId: null, status: "new" });
  // The list shows the change.
  const rows = page.getByRole("list", { name: "Tickets" }).getByRole("listitem");
  await expect(rows.filter({ hasText: "pending" })).toHaveCount(4);
});

test("a closed ticket in the selection is reported as refused; the others change", async ({ page, request }) => {
  const { email, tickets } = await customerTickets(request, 3);
  const closed = tickets[0] as TTicket;
  await rest(request, "agent", "PATCH", `/tickets/${closed.id}`, { status: "resolved" });
  await closeAsTheSystem(closed.id);
  await signIn(page, "agent");
  await openInbox(page, email, 3);

  await bar(page).getByRole("checkbox", { name: "Select all on this page" }).check();
  await expect(bar(page).getByRole("status")).toHaveText("3 selected");
  await choose(page, "Set priority", "Urgent");
  await bar(page).getByRole("button", { name: "Change" }).click();
  await page.getByRole("menuitem", { name: "Add tags…" }).click();
  const tags = bar(page).getByRole("textbox", { name: "Tags to add, separated by commas" });
  await expect(tags).toBeFocused();
  await tags.fill("vip, bulk");
  await bar(page).getByRole("button", { name: "Apply to 3 tickets" }).click();

  await expect(page.getByText(`Updated 2 tickets; 1 refused: ${closed.id} is closed`, { exact: true })).toBeVisible();
  for (const ticket of tickets.slice(1)) expect(await getTicket(request, ticket.id)).toMatchObject({ priority: "urgent", tags: ["vip", "bulk"] });
  expect(await getTicket(request, closed.id)).toMatchObject({ status: "closed", priority: "normal", tags: [] });
});

test("the bulk bar and its menu are accessible in light and dark; viewers get no boxes", async ({ page, request }) => {
  const { email, tickets } = await customerTickets(request, 2);
  await signIn(page, "agent");
  await openInbox(page, email, 2);
  await inBothThemes(page, async (theme) => {
    await box(page, tickets[0] as TTicket).check();
    await bar(page).getByRole("button", { name: "Change" }).click();
    await page.getByRole("menuitem", { name: "Set status" }).click();
    await expect(page.getByRole("menuitemradio", { name: "Resolved" })).toBeVisible();
    await expectAccessible(page, "body", `the inbox with the bulk bar and its menu open (${theme})`);
    await page.keyboard.press("Escape");
    await page.keyboard.press("Escape");
  });

  await page.context().clearCookies();
  await signIn(page, "viewer");
  await openInbox(page, email, 2);
  await expect(page.getByRole("checkbox")).toHaveCount(0);
  await expect(bar(page)).toHaveCount(0);
});
