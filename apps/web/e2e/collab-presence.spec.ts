// Issue 12, presence: two agents in two browsers see each other on a ticket page and in the inbox, see the other
// typing a reply, and see them gone within seconds of their tab closing.
import path from "node:path";
import { fileURLToPath } from "node:url";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { createTicket, signIn } from "./support";

const screenshots = path.join(path.dirname(fileURLToPath(import.meta.url)), "screenshots");

/** No serious or critical axe finding (WCAG 2.0/2.1 A and AA, as e2e/a11y.spec.ts) inside `selector`. */
async function expectAccessible(page: Page, selector: string, what: string) {
  const results = await new AxeBuilder({ page }).include(selector).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const serious = results.violations.filter((violation) => violation.impact === "serious" || violation.impact === "critical");
  expect(serious.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.html).join(" | ")}`), what).toEqual([]);
  expect(results.passes.length, "axe ran its rules").toBeGreaterThan(0);
}

test.use({ viewport: { width: 1280, height: 860 } });

test("presence shows on the ticket page and in the inbox, typing included, and goes when the tab closes", async ({ browser, request }) => {
  const ticket = await createTicket(request, "Two agents on one ticket");
  const adaContext = await browser.newContext();
  const samContext = await browser.newContext();
  const ada = await adaContext.newPage();
  const samInbox = await samContext.newPage();
  await signIn(ada, "admin");
  await signIn(samInbox, "agent");

  // Sam watches the inbox while Ada opens the ticket.
  const row = samInbox.getByRole("list", { name: "Tickets" }).getByRole("listitem").filter({ hasText: ticket.subject });
  await expect(row).toBeVisible();
  await expect(row.getByTestId("presence-marker")).toHaveCount(0);
  await ada.goto(`/tickets/${ticket.id}`);
  const adaBar = ada.getByTestId("presence-bar");
  await expect(adaBar).toHaveAttribute("aria-live", "polite");
  const marker = row.getByTestId("presence-marker");
  await expect(marker).toHaveAttribute("title", "Ada Admin is viewing", { timeout: 3000 });
  await expect(marker).toContainText("Ada Admin is viewing");
  await expectAccessible(samInbox, '[aria-label="Tickets"]', "the inbox with a presence marker");

  // Sam opens it too, in a second tab: each sees the other, never themselves.
  const sam = await samContext.newPage();
  await sam.goto(`/tickets/${ticket.id}`);
  const samBar = sam.getByTestId("presence-bar");
  await expect(samBar.getByRole("listitem")).toHaveText([/Ada Admin is viewing$/], { timeout: 3000 });
  await expect(adaBar.getByRole("listitem")).toHaveText([/Sam Agent is viewing$/], { timeout: 3000 });
  await expect(samBar).toHaveRole("status");

  // Ada types a reply: Sam sees it, the inbox too; sending or clearing the text takes it back to viewing.
  await ada.getByRole("textbox", { name: "Reply text" }).click();
  await ada.keyboard.type("Looking into this now");
  await expect(samBar).toContainText("Ada Admin is typing a reply…", { timeout: 3000 });
  await expect(marker).toHaveAttribute("title", "Ada Admin is typing a reply…", { timeout: 3000 });
  await expectAccessible(sam, '[data-testid="presence-bar"]', "the presence bar (light)");
  if (process.env.HELPDESK_SCREENSHOTS) {
    await sam.mouse.move(0, 0);
    await sam.evaluate(() => document.fonts.ready);
    await sam.screenshot({ path: path.join(screenshots, "presence.png") });
  }

  // Ada's tab closes mid-sentence: gone from Sam's ticket page and inbox within seconds, typing mark and all.
  const closedAt = Date.now();
  await ada.close();
  await expect(samBar.getByRole("listitem")).toHaveCount(0, { timeout: 3000 });
  await expect(marker).toHaveCount(0, { timeout: 3000 });
  test.info().annotations.push({ type: "presence gone after a tab closed (ms)", description: String(Date.now() - closedAt) });

  // The dark theme keeps the bar readable.
  const adaAgain = await adaContext.newPage();
  await adaAgain.goto(`/tickets/${ticket.id}`);
  await sam.evaluate(() => localStorage.setItem("theme", "dark"));
  await sam.reload();
  await expect(sam.locator("html")).toHaveClass(/\bdark\b/);
  await expect(samBar.getByRole("listitem")).toHaveText([/Ada Admin is viewing$/], { timeout: 3000 });
  await expectAccessible(sam, '[data-testid="presence-bar"]', "the presence bar (dark)");
  await sam.evaluate(() => localStorage.removeItem("theme"));

  await adaContext.close();
  await samContext.close();
});
