// Screenshots of the inbox and a ticket page, light and dark, at a laptop size: kept in e2e/screenshots/ as artifacts.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { expect, test, type Page } from "@playwright/test";
import type { TTicket } from "@helpdesk/validators";
import { rest, signIn } from "./support";

const folder = path.join(path.dirname(fileURLToPath(import.meta.url)), "screenshots");

test.use({ viewport: { width: 1280, height: 860 } });

async function settle(page: Page) {
  // No hover effects, no caret, no toasts in the picture.
  await page.mouse.move(0, 0);
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await expect(page.locator("[data-sonner-toast]")).toHaveCount(0, { timeout: 10_000 });
  await page.evaluate(() => document.fonts.ready);
}

for (const theme of ["light", "dark"] as const) {
  test(`inbox and ticket page (${theme})`, async ({ page, request }) => {
    await page.emulateMedia({ colorScheme: theme });
    await page.addInitScript((value) => localStorage.setItem("theme", value), theme);
    await signIn(page, "agent");

    // The agent's own queue: the ten assigned seeded demo tickets, not the ones other tests of this run created.
    await page.getByRole("combobox", { name: "Assignee" }).selectOption({ label: "Assigned to me" });
    const rows = page.getByRole("list", { name: "Tickets" }).getByRole("listitem");
    await expect(rows).toHaveCount(10);
    await expect(page.locator("html")).toHaveClass(theme === "dark" ? /\bdark\b/ : /^(?!.*\bdark\b)/);
    await settle(page);
    await page.screenshot({ path: path.join(folder, `inbox-${theme}.png`) });

    const found = await rest<{ data: TTicket[] }>(request, "viewer", "GET", `/tickets?q=${encodeURIComponent("reset my password")}`);
    const ticket = found.data[0] as TTicket;
    await page.goto(`/tickets/${ticket.id}`);
    await expect(page.getByTestId("message")).toHaveCount(4);
    await expect(page.getByRole("textbox", { name: "Reply text" })).toBeVisible();
    await settle(page);
    await page.screenshot({ path: path.join(folder, `ticket-${theme}.png`) });
  });
}
