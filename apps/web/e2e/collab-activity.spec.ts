// Issue 12, activity in the thread: one agent's changes to a ticket appear live, between the messages, on another
// agent's open page ("Sam Agent set status Pending"), and the automation's closing is the system's ("Helpdesk").
import path from "node:path";
import { fileURLToPath } from "node:url";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { closeAsTheSystem, createTicket, me, rest, signIn } from "./support";

const screenshots = path.join(path.dirname(fileURLToPath(import.meta.url)), "screenshots");

/** No serious or critical axe finding (WCAG 2.0/2.1 A and AA, as e2e/a11y.spec.ts) in the conversation. */
async function expectAccessibleConversation(page: Page, what: string) {
  const results = await new AxeBuilder({ page }).include('[aria-label="Conversation"]').withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const serious = results.violations.filter((violation) => violation.impact === "serious" || violation.impact === "critical");
  expect(serious.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.html).join(" | ")}`), what).toEqual([]);
  expect(results.passes.length, "axe ran its rules").toBeGreaterThan(0);
}

test.use({ viewport: { width: 1280, height: 860 } });

test("another agent's changes appear live between the messages, and the system's closing as Helpdesk's", async ({ browser, request }) => {
  const ticket = await createTicket(request, "Invoice shows the wrong VAT", { status: "open", tags: ["vip"] });
  const ada = await me(request, "admin");
  const [samContext, adaContext] = [await browser.newContext(), await browser.newContext()];
  const [sam, watcher] = [await samContext.newPage(), await adaContext.newPage()];
  await signIn(sam, "agent");
  await signIn(watcher, "admin");
  await watcher.goto(`/tickets/${ticket.id}`);
  const thread = watcher.getByRole("region", { name: "Conversation" });
  await expect(thread.getByTestId("message")).toHaveCount(1);
  await expect(thread.getByTestId("activity")).toHaveCount(0);

  // Sam sets Pending in his browser: Ada's open page shows it after the customer's request, and the new status.
  await sam.goto(`/tickets/${ticket.id}`);
  await sam.getByRole("complementary", { name: "Ticket fields" }).getByLabel("Status").selectOption("pending");
  const entries = thread.getByTestId("activity");
  await expect(entries).toHaveText([/^Sam Agent set status Pending · (now|\d+ seconds? ago)$/], { timeout: 5000 });
  await expect(thread.locator('[data-testid="message"] ~ [data-testid="activity"]')).toHaveCount(1);
  await expect(watcher.getByRole("heading", { level: 1 })).toContainText("pending");

  // A change through the API reaches the page the same way, several fields in one entry.
  await rest(request, "agent", "PATCH", `/tickets/${ticket.id}`, { assignee_id: ada.id, tags: ["billing"], priority: "high" });
  await expect(entries).toHaveText(
    [/^Sam Agent set status Pending · /, /^Sam Agent set priority High, assigned Ada Admin, tags: \+billing −vip · /],
    { timeout: 5000 },
  );
  await expectAccessibleConversation(watcher, "the conversation with activity (light)");
  if (process.env.HELPDESK_SCREENSHOTS) {
    await watcher.mouse.move(0, 0);
    await watcher.evaluate(() => document.fonts.ready);
    await watcher.screenshot({ path: path.join(screenshots, "activity.png") });
  }

  // Resolved, then closed by the system: the entry names no person.
  await rest(request, "agent", "PATCH", `/tickets/${ticket.id}`, { status: "resolved" });
  await expect(entries).toHaveCount(3, { timeout: 5000 });
  await closeAsTheSystem(ticket.id);
  await watcher.addInitScript(() => localStorage.setItem("theme", "dark"));
  await watcher.reload();
  await expect(entries.last()).toHaveText(/^Helpdesk closed the ticket · /);
  await expect(watcher.locator("html")).toHaveClass(/\bdark\b/);
  await expectAccessibleConversation(watcher, "the conversation with activity (dark)");

  // Newest first turns the whole thread around, activity included.
  await watcher.getByRole("button", { name: "Oldest first ↓" }).click();
  await expect(entries.first()).toHaveText(/^Helpdesk closed the ticket · /);
  await expect(thread.locator('[data-testid="activity"] ~ [data-testid="message"]')).toHaveCount(1);

  await samContext.close();
  await adaContext.close();
});
