// Issue 13, queues: the inbox's sidebar counts (ticket.counts) appear and follow changes live; every filter, the
// queue and the search text live in the URL, so Back restores them and a link opens the same view. The admin plays the
// agent here ("Mine" is the caller's), sparing the agent's request budget, which other specs spend.
import { expect, test, type Page } from "@playwright/test";
import { createTicket, me, rest, signIn } from "./support";
import { expectAccessible, inBothThemes } from "./finding-support";

test.use({ viewport: { width: 1280, height: 900 } });

const count = (page: Page, queue: string) => page.getByTestId(`queue-count-${queue}`);
const queues = (page: Page) => page.getByRole("navigation", { name: "Queues" });

async function readCount(page: Page, queue: string): Promise<number> {
  await expect(count(page, queue)).toHaveText(/^\d+$/);
  return Number(await count(page, queue).textContent());
}

test("the queues show their counts and follow changes made elsewhere, live", async ({ page, request }) => {
  await signIn(page, "admin");
  const before = { unassigned: await readCount(page, "unassigned"), mine: await readCount(page, "mine"), new: await readCount(page, "new"), pending: await readCount(page, "pending") };
  // The same figures the API gives the caller.
  const counts = await rest<Record<string, number>>(request, "admin", "GET", "/tickets/counts");
  expect(counts).toMatchObject(before);
  await page.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));

  const ticket = await createTicket(request, "Counted ticket", {}, "admin");
  await expect(count(page, "unassigned")).toHaveText(String(before.unassigned + 1), { timeout: 3000 });
  await expect(count(page, "new")).toHaveText(String(before.new + 1));

  const admin = await me(request, "admin");
  await rest(request, "admin", "PATCH", `/tickets/${ticket.id}`, { assignee_id: admin.id, status: "pending" });
  await expect(count(page, "unassigned")).toHaveText(String(before.unassigned), { timeout: 3000 });
  await expect(count(page, "mine")).toHaveText(String(before.mine + 1));
  await expect(count(page, "new")).toHaveText(String(before.new));
  await expect(count(page, "pending")).toHaveText(String(before.pending + 1));
  expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded), "live, not reloaded").toBe(true);
});

test("queues, filters and the search text are in the URL: Back restores them and a link opens the same view", async ({ page, request }) => {
  const unassigned = await createTicket(request, "Nobody has it yet", {}, "admin");
  const admin = await me(request, "admin");
  const mine = await createTicket(request, "Assigned to Ada", {}, "admin");
  await rest(request, "admin", "PATCH", `/tickets/${mine.id}`, { assignee_id: admin.id });
  await signIn(page, "admin");
  const rows = page.getByRole("list", { name: "Tickets" }).getByRole("listitem");
  const status = page.getByRole("combobox", { name: "Status" });
  const assignee = page.getByRole("combobox", { name: "Assignee" });
  const search = page.getByRole("searchbox", { name: "Search tickets" });

  // A queue is a link: the URL names it, the sidebar marks it, the list holds its tickets only.
  await queues(page).getByRole("link", { name: /^Unassigned/ }).click();
  // The queue is the work in progress: new, open or pending (as its count).
  await expect(page).toHaveURL(/\/\?status=active&assignee_id=none$/);
  await expect(queues(page).getByRole("link", { name: /^Unassigned/ })).toHaveAttribute("aria-current", "page");
  await expect(assignee).toHaveValue("none");
  await expect(rows.filter({ hasText: unassigned.subject })).toHaveCount(1);
  await expect(rows.filter({ hasText: mine.subject })).toHaveCount(0);

  // A filter on top of it joins the URL.
  await status.selectOption("new");
  await expect(page).toHaveURL(/\/\?status=new&assignee_id=none$/);
  await expect(queues(page).getByRole("link", { name: /^Unassigned/ })).not.toHaveAttribute("aria-current", "page");
  await expect(rows.filter({ hasText: unassigned.subject })).toHaveCount(1);

  // Search text too, once typing pauses; the search covers every assignee and keeps the status filter.
  await search.fill(mine.subject);
  await expect(page).toHaveURL(new RegExp(`\\?q=${encodeURIComponent(mine.subject).replace(/%20/g, "\\+")}&status=new$`));
  await expect(rows.filter({ hasText: mine.subject })).toHaveCount(1);
  await expect(assignee).toHaveCount(0);

  // Back, step by step, restores each view: list, box and selects.
  await page.goBack();
  await expect(page).toHaveURL(/\/\?status=new&assignee_id=none$/);
  await expect(search).toHaveValue("");
  await expect(status).toHaveValue("new");
  await expect(assignee).toHaveValue("none");
  await expect(rows.filter({ hasText: mine.subject })).toHaveCount(0);
  await page.goBack();
  await expect(page).toHaveURL(/\/\?status=active&assignee_id=none$/);
  await expect(status).toHaveValue("active");
  await page.goForward();
  await page.goForward();
  await expect(search).toHaveValue(mine.subject);
  await expect(rows.filter({ hasText: mine.subject })).toHaveCount(1);

  // A shared link opens the same view in a fresh page.
  const shared = await page.context().newPage();
  await shared.goto(`/?status=new&assignee_id=me`);
  await expect(shared.getByRole("combobox", { name: "Status" })).toHaveValue("new");
  await expect(shared.getByRole("combobox", { name: "Assignee" })).toHaveValue("me");
  await expect(shared.getByRole("list", { name: "Tickets" }).getByRole("listitem").filter({ hasText: mine.subject })).toHaveCount(1);
  await expect(shared.getByRole("list", { name: "Tickets" }).getByRole("listitem").filter({ hasText: unassigned.subject })).toHaveCount(0);
  await shared.close();

  // Opening a ticket and coming Back lands on the view it was opened from.
  await rows.filter({ hasText: mine.subject }).getByRole("link").first().click();
  await expect(page).toHaveURL(new RegExp(`/tickets/${mine.id}`));
  await page.goBack();
  await expect(search).toHaveValue(mine.subject);
  await expect(status).toHaveValue("new");
});

test("the queues sidebar is accessible in light and dark, and fit a phone-width screen", async ({ page }) => {
  await signIn(page, "viewer");
  await page.goto("/?assignee_id=me");
  await inBothThemes(page, async (theme) => {
    await expect(count(page, "mine")).toHaveText(/^\d+$/);
    await expectAccessible(page, 'nav[aria-label="Queues"]', `the queues (${theme})`);
  });
  await page.setViewportSize({ width: 390, height: 844 });
  await expect(queues(page).getByRole("link", { name: /^Mine/ })).toBeVisible();
  // The queues scroll sideways within their own row rather than widening the page.
  const box = await queues(page).boundingBox();
  expect(box && box.x + box.width, "the queues fit the screen's width").toBeLessThanOrEqual(390);
});
