// Accessibility: axe-core (WCAG 2.0/2.1 A and AA rules) finds no serious or critical violation on the sign-in page,
// the inbox, a ticket page and the admins' pages, in the light and the dark theme.
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import type { TInboundSetup, TTicket } from "@helpdesk/validators";
import { sendOverSmtp } from "../test/support/smtp-client";
import { rawMail } from "./raw-mail";
import { rest, signIn, type Role } from "./support";

type AxeResults = Awaited<ReturnType<AxeBuilder["analyze"]>>;

function describeViolations(violations: AxeResults["violations"]): string {
  return violations
    .map((violation) => [
      `[${violation.impact}] ${violation.id}: ${violation.help} (${violation.helpUrl})`,
      ...violation.nodes.slice(0, 8).map((node) => `    ${node.target.join(" ")}\n      ${node.html.slice(0, 200)}\n      ${node.failureSummary?.replace(/\n/g, "\n      ")}`),
      ...(violation.nodes.length > 8 ? [`    … and ${violation.nodes.length - 8} more`] : []),
    ].join("\n"))
    .join("\n\n");
}

async function expectNoSeriousViolations(page: Page, what: string) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const serious = results.violations.filter((violation) => violation.impact === "serious" || violation.impact === "critical");
  const minor = results.violations.filter((violation) => !serious.includes(violation));
  if (minor.length) test.info().annotations.push({ type: `axe: minor or moderate findings on ${what}`, description: describeViolations(minor) });
  const summary = serious.map((violation) => `${violation.impact} ${violation.id} (${violation.nodes.length} elements)`);
  expect(summary, `serious or critical axe violations on ${what}:\n\n${describeViolations(serious)}\n`).toEqual([]);
  expect(results.passes.length, "axe ran its rules").toBeGreaterThan(10);
}

let seededTicket: TTicket;
test.beforeAll(async ({ request }) => {
  // A seeded ticket with a request, an internal note and a reply: every kind of message card.
  const found = await rest<{ data: TTicket[] }>(request, "viewer", "GET", `/tickets?q=${encodeURIComponent("reset my password")}`);
  seededTicket = found.data[0] as TTicket;
  expect(seededTicket?.subject).toBe("Can't reset my password");
});

for (const theme of ["light", "dark"] as const) {
  test.describe(`${theme} theme`, () => {
    test.beforeEach(async ({ page }) => {
      await page.addInitScript((value) => localStorage.setItem("theme", value), theme);
    });

    async function expectTheme(page: Page) {
      await expect(page.locator("html")).toHaveClass(theme === "dark" ? /\bdark\b/ : /^(?!.*\bdark\b)/);
    }

    test(`sign-in page (${theme})`, async ({ page }) => {
      await page.goto("/signin");
      await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();
      await expectTheme(page);
      await expectNoSeriousViolations(page, `the sign-in page (${theme})`);
      // The error state too.
      await page.getByLabel("Email").fill("nobody@example.com");
      await page.getByLabel("Password").fill("wrong password");
      await page.getByRole("button", { name: "Sign in" }).click();
      await expect(page.getByRole("alert").filter({ hasText: /\S/ })).toBeVisible();
      await expectNoSeriousViolations(page, `the sign-in page with an error (${theme})`);
    });

    test(`inbox (${theme})`, async ({ page }) => {
      await signIn(page, "agent");
      await expect(page.getByRole("list", { name: "Tickets" }).getByRole("listitem").first()).toBeVisible();
      await expectTheme(page);
      await expectNoSeriousViolations(page, `the inbox (${theme})`);
    });

    for (const role of ["agent", "viewer"] as Role[]) {
      test(`ticket page as ${role} (${theme})`, async ({ page }) => {
        await signIn(page, role);
        await page.goto(`/tickets/${seededTicket.id}`);
        await expect(page.getByTestId("message")).toHaveCount(4);
        if (role === "agent") await expect(page.getByRole("textbox", { name: "Reply text" })).toBeVisible();
        await expectTheme(page);
        await expectNoSeriousViolations(page, `the ticket page as ${role} (${theme})`);
        if (role === "agent") {
          // The note composer has its own colours.
          await page.getByRole("tab", { name: "Internal note" }).click();
          await expect(page.getByRole("textbox", { name: "Internal note text" })).toBeVisible();
          await expectNoSeriousViolations(page, `the ticket page with the note composer (${theme})`);
        }
      });
    }

    test(`inbound page (${theme})`, async ({ page, request }) => {
      // A received mail, so that the table and its outcome badge are checked too, and then its ticket: a message
      // card of a mail (sender, "via email", the quote's button, the original's link).
      const setup = await rest<TInboundSetup>(request, "admin", "GET", "/inbound/setup");
      const to = setup.addresses[0] as string;
      const subject = `Contrast check ${theme}`;
      const body = "Hello again.\n\nOn Mon, 30 Nov 2026 at 10:00, Support wrote:\n> How can we help?\n";
      await sendOverSmtp(setup.smtp.port as number, rawMail({ From: "Kim <kim@customer.test>", To: to, Subject: subject }, body), { from: "kim@customer.test", to: [to] });
      await signIn(page, "admin");
      await page.goto("/inbound");
      await expect(page.getByTestId("inbound-row").first()).toBeVisible();
      await expectTheme(page);
      await expectNoSeriousViolations(page, `the inbound page (${theme})`);
      await page.getByRole("link", { name: subject }).click();
      await expect(page.getByRole("button", { name: "Show quoted text" })).toBeVisible();
      await expectNoSeriousViolations(page, `a ticket page with a mail (${theme})`);
    });

    test(`users page (${theme})`, async ({ page }) => {
      await signIn(page, "admin");
      await page.goto("/users");
      await expect(page.getByTestId("user-row").first()).toBeVisible();
      await expectTheme(page);
      await expectNoSeriousViolations(page, `the users page (${theme})`);
    });
  });
}

test("the theme toggle switches to dark and is remembered", async ({ page }) => {
  await page.emulateMedia({ colorScheme: "light" });
  await signIn(page, "agent");
  await expect(page.locator("html")).not.toHaveClass(/\bdark\b/);
  await page.getByRole("button", { name: "Switch to dark theme" }).click();
  await expect(page.locator("html")).toHaveClass(/\bdark\b/);
  await page.reload();
  await expect(page.locator("html")).toHaveClass(/\bdark\b/);
  await expect(page.getByRole("button", { name: "Switch to light theme" })).toBeVisible();
});
