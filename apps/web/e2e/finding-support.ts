// Helpers of the issue-13 console scenarios (finding-*.spec.ts): axe on one part of a page, in light and dark.
import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

/** No serious or critical axe finding (WCAG 2.0/2.1 A and AA, as e2e/a11y.spec.ts) inside `selector`. */
export async function expectAccessible(page: Page, selector: string, what: string): Promise<void> {
  const results = await new AxeBuilder({ page }).include(selector).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const serious = results.violations.filter((violation) => violation.impact === "serious" || violation.impact === "critical");
  expect(serious.map((violation) => `${violation.id}: ${violation.nodes.map((node) => `${node.html}\n    ${node.failureSummary}`).join(" | ")}`), what).toEqual([]);
  expect(results.passes.length, "axe ran its rules").toBeGreaterThan(0);
}

/** Runs `check` in the light theme, then again after switching the page to dark (the theme toggle's stored choice). */
export async function inBothThemes(page: Page, check: (theme: "light" | "dark") => Promise<void>): Promise<void> {
  await page.evaluate(() => localStorage.setItem("theme", "light"));
  await page.reload();
  await expect(page.locator("html")).not.toHaveClass(/\bdark\b/);
  await check("light");
  await page.evaluate(() => localStorage.setItem("theme", "dark"));
  await page.reload();
  await expect(page.locator("html")).toHaveClass(/\bdark\b/);
  await check("dark");
  await page.evaluate(() => localStorage.removeItem("theme"));
}

/** A word no other test or seed uses, of letters only (the full-text parser reads letters and digits as one word). */
export function uniqueWord(prefix: string): string {
  const letters = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`.replace(/\d/g, (digit) => "abcdefghij"[Number(digit)] ?? "x");
  return `${prefix}${letters}`;
}
