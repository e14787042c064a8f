// --large: how long the console's ticket page takes to show its first messages, for the 1,000,000-message ticket and
// for a 10-message one — a measurement (printed and stored), not a test. Chromium (Debian's) driven by the
// Playwright of apps/web, launched as apps/web/playwright.config.ts launches it; each load in a fresh context (an
// empty HTTP cache), the two tickets in turn, after one unmeasured load of each.
import { createRequire } from "node:module";
import path from "node:path";
import { median } from "./rounds.ts";
import { round } from "./load.ts";
import { repoRoot } from "./server.ts";

const LOADS = 5;
const CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];
const TIMEOUT_MS = 60_000;

// The few parts of Playwright's API used here (the bench has no dependency on it; apps/web does).
interface Page {
  goto(url: string, options: { waitUntil: "commit" }): Promise<unknown>;
  getByTestId(id: string): { first(): { waitFor(options: { state: "visible"; timeout: number }): Promise<void> } };
}
interface BrowserContext {
  addCookies(cookies: { name: string; value: string; url: string }[]): Promise<void>;
  newPage(): Promise<Page>;
  close(): Promise<void>;
}
interface Browser {
  newContext(): Promise<BrowserContext>;
  close(): Promise<void>;
}
interface Playwright {
  chromium: { launch(options: { executablePath: string; args: string[] }): Promise<Browser> };
}

export interface PageLoadResults {
  /** Milliseconds from navigation to the first message on screen: the median of `runsMs`. */
  firstMessages: { ticketMessages: number; medianMs: number; runsMs: number[] }[];
}

async function timeToFirstMessage(browser: Browser, baseUrl: string, ticketId: string, token: string): Promise<number> {
  const context = await browser.newContext();
  try {
    // The console's session cookie holds the same next-auth session token the REST sign-in answered; set for the
    // origin's root path, so that the page's tRPC calls carry it too.
    await context.addCookies([{ name: "next-auth.session-token", value: token, url: baseUrl }]);
    const page = await context.newPage();
    const started = performance.now();
    await page.goto(`${baseUrl}/tickets/${ticketId}`, { waitUntil: "commit" });
    await page.getByTestId("message").first().waitFor({ state: "visible", timeout: TIMEOUT_MS });
    return round(performance.now() - started, 0);
  } finally {
    await context.close();
  }
}

export async function measurePageLoads(baseUrl: string, token: string, tickets: { id: string; messages: number }[]): Promise<PageLoadResults> {
  const playwright = createRequire(path.join(repoRoot, "apps/web/package.json"))("playwright") as Playwright;
  const browser = await playwright.chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: CHROMIUM_ARGS });
  try {
    for (const ticket of tickets) await timeToFirstMessage(browser, baseUrl, ticket.id, token);
    const runs = tickets.map(() => [] as number[]);
    for (let load = 0; load < LOADS; load++) {
      for (const [index, ticket] of tickets.entries()) runs[index]?.push(await timeToFirstMessage(browser, baseUrl, ticket.id, token));
    }
    return {
      firstMessages: tickets.map((ticket, index) => ({ ticketMessages: ticket.messages, medianMs: median(runs[index] ?? []), runsMs: runs[index] ?? [] })),
    };
  } finally {
    await browser.close();
  }
}
