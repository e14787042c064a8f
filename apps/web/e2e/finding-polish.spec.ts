// Issue 13 item 8, the polish a newcomer asked for: a header that fits a phone, the `?` shortcut sheet, a favicon, a
// styled not-found page, and a notice (403) instead of a silent redirect when a role is too low.
import { expect, test, type Page } from "@playwright/test";
import { expectAccessible, inBothThemes } from "./finding-support";
import { signIn } from "./support";

const sheet = (page: Page) => page.getByRole("dialog", { name: "Keyboard shortcuts" });

test.describe("at 390 × 844", () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test("the header fits, its menu opens and navigates, and it is accessible in light and dark", async ({ page }) => {
    await signIn(page, "admin");
    const header = page.locator("header");
    const parts = [page.getByRole("link", { name: "Helpdesk" }), page.getByRole("button", { name: "Menu" }), page.getByTestId("signed-in-role"), page.getByRole("button", { name: "Sign out" })];
    for (const part of parts) await expect(part).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth), "no sideways scroll").toBeLessThanOrEqual(390);
    // Side by side in one row, none over another and none past the screen's edge.
    const boxes = await Promise.all(parts.map(async (part) => (await part.boundingBox()) ?? { x: 0, y: 0, width: 0, height: 0 }));
    for (const [index, box] of boxes.entries()) {
      expect(box.x + box.width, `part ${index} ends inside the screen`).toBeLessThanOrEqual(390);
      const next = boxes[index + 1];
      if (next) expect(box.x + box.width, `part ${index} ends before part ${index + 1} begins`).toBeLessThanOrEqual(next.x);
    }
    expect((await header.boundingBox())?.height, "one row").toBeLessThan(70);

    await inBothThemes(page, async (theme) => {
      await expectAccessible(page, "header", `the phone-width header (${theme})`);
      await page.getByRole("button", { name: "Menu" }).click();
      await expect(page.getByRole("menu")).toBeVisible();
      await expectAccessible(page, '[role="menu"]', `the header's menu (${theme})`);
      await page.keyboard.press("Escape");
      await expect(page.getByRole("menu")).toBeHidden();
    });

    await page.getByRole("button", { name: "Menu" }).click();
    const menu = page.getByRole("menu");
    for (const name of ["Inbox", "Outbox", "Users", "Inbound", "Webhooks", "API"]) await expect(menu.getByRole("menuitem", { name })).toBeVisible();
    await menu.getByRole("menuitem", { name: "Users" }).click();
    await expect(page).toHaveURL(/\/users$/);
    await expect(page.getByRole("heading", { name: "Users", level: 1 })).toBeVisible();
    // The menu marks where we are, and its shortcut entry opens the sheet.
    await page.getByRole("button", { name: "Menu" }).click();
    await expect(page.getByRole("menuitem", { name: "Users" })).toHaveAttribute("aria-current", "page");
    await page.getByRole("menuitem", { name: /Keyboard shortcuts/ }).click();
    await expect(sheet(page)).toBeVisible();
    await page.keyboard.press("Escape");

    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/signin/);
  });
});

test("the wide header shows its links in a row and no Menu button", async ({ page }) => {
  await signIn(page, "agent");
  const nav = page.getByRole("navigation", { name: "Main" });
  await expect(nav.getByRole("link", { name: "Inbox" })).toHaveAttribute("aria-current", "page");
  await expect(nav.getByRole("link", { name: "Outbox" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Menu" })).toBeHidden();
});

test("? opens the shortcut sheet, Esc closes it; in a field ? is just typed", async ({ page }) => {
  await signIn(page, "agent");
  await expect(page.getByRole("heading", { name: "Inbox", level: 1 })).toBeVisible();
  await page.keyboard.press("?");
  await expect(sheet(page)).toBeVisible();
  for (const does of ["Move down the list", "Open the selected ticket", "Search", "Select the ticket for a bulk action", "Reply", "Add an internal note", "Forward", "Send", "Show these shortcuts"]) {
    await expect(sheet(page).getByText(does, { exact: true })).toBeVisible();
  }
  await expect(sheet(page).locator("kbd", { hasText: "Ctrl/Cmd" })).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(sheet(page)).toBeHidden();
  // Keys pressed in the sheet stay there: Enter on its focused Close button closes it and opens no ticket behind it.
  await page.keyboard.press("?");
  await expect(sheet(page).getByRole("button", { name: "Close" })).toBeFocused();
  await page.keyboard.press("j");
  await page.keyboard.press("Enter");
  await expect(sheet(page)).toBeHidden();
  await page.waitForTimeout(500);
  expect(new URL(page.url()).pathname).toBe("/");

  const search = page.getByRole("searchbox").first();
  await search.focus();
  await page.keyboard.press("?");
  await expect(search).toHaveValue("?");
  await expect(sheet(page)).toBeHidden();

  await page.getByRole("button", { name: "Keyboard shortcuts" }).click();
  await expect(sheet(page)).toBeVisible();
  await page.keyboard.press("Escape");

  await inBothThemes(page, async (theme) => {
    await page.keyboard.press("?");
    await expect(sheet(page)).toBeVisible();
    await expectAccessible(page, '[role="dialog"]', `the shortcut sheet (${theme})`);
    await page.keyboard.press("Escape");
    await expect(sheet(page)).toBeHidden();
  });
});

test("the favicon is linked and served as SVG", async ({ page, request }) => {
  await page.goto("/signin");
  const href = await page.locator('link[rel="icon"]').first().getAttribute("href");
  expect(href).toMatch(/^\/icon\.svg/);
  const icon = await request.get(href as string);
  expect(icon.status()).toBe(200);
  expect(icon.headers()["content-type"]).toContain("image/svg+xml");
  expect(await icon.text()).toContain("<svg");
});

test("an unknown address answers 404 with the styled not-found page, accessible in light and dark", async ({ page }) => {
  await signIn(page, "agent");
  const response = await page.goto("/no-such-page");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "This page does not exist", level: 1 })).toBeVisible();
  await inBothThemes(page, async (theme) => {
    await expect(page.getByRole("heading", { name: "This page does not exist" })).toBeVisible();
    await expectAccessible(page, "body", `the not-found page (${theme})`);
  });
  await page.getByRole("link", { name: "Back to the inbox" }).click();
  await expect(page.getByRole("heading", { name: "Inbox", level: 1 })).toBeVisible();
});

test("an unknown ticket shows the same not-found notice inside the console", async ({ page }) => {
  await signIn(page, "agent");
  await page.goto("/tickets/tkt_00000000000000000000000000");
  await expect(page.getByRole("heading", { name: "This page does not exist", level: 1 })).toBeVisible();
  await expect(page.getByTestId("signed-in-role")).toHaveText("agent");
  await page.getByRole("link", { name: "Back to the inbox" }).click();
  await expect(page.getByRole("heading", { name: "Inbox", level: 1 })).toBeVisible();
});

test("an agent opening an admins' page gets a 403 notice naming their role, not a silent redirect", async ({ page }) => {
  await signIn(page, "agent");
  for (const path of ["/users", "/inbound", "/webhooks"]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(403);
    await expect(page).toHaveURL(new RegExp(`${path}$`));
    await expect(page.getByText("This page is for admins. You are signed in as an agent.")).toBeVisible();
  }
  await expectAccessible(page, "main", "the admins-only notice");
  await page.getByRole("link", { name: "Back to the inbox" }).click();
  await expect(page.getByRole("heading", { name: "Inbox", level: 1 })).toBeVisible();
});

test("a viewer is told the same, with their own role", async ({ page }) => {
  await signIn(page, "viewer");
  const response = await page.goto("/users");
  expect(response?.status()).toBe(403);
  await expect(page.getByText("This page is for admins. You are signed in as a viewer.")).toBeVisible();
});
