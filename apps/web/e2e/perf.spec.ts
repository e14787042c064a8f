// Measurements, logged as annotations and never asserted (timings depend on the machine): the ticket page's
// first-load JavaScript, and the time to show a 10,000-message ticket. The assertions are about correctness only.
import { expect, test, type Browser, type BrowserContext } from "@playwright/test";
import { createTicket, me, signIn, unique, withDatabase } from "./support";

const MESSAGES = 10_000;

/** A fresh context (empty HTTP cache) already signed in as the agent. */
async function coldSignedInContext(browser: Browser): Promise<BrowserContext> {
  const warm = await browser.newContext();
  await signIn(await warm.newPage(), "agent");
  const storageState = await warm.storageState();
  await warm.close();
  return browser.newContext({ storageState });
}

function note(type: string, description: string) {
  test.info().annotations.push({ type, description });
  console.log(`${type}: ${description}`);
}

test("first-load JavaScript of the ticket page", async ({ browser, request }) => {
  const ticket = await createTicket(request, "First-load JavaScript");
  const context = await coldSignedInContext(browser);
  const page = await context.newPage();
  const scripts: { url: string; transferred: number; decoded: number }[] = [];
  const pending: Promise<void>[] = [];
  page.on("response", (response) => {
    if (response.request().resourceType() !== "script" && !new URL(response.url()).pathname.endsWith(".js")) return;
    pending.push((async () => {
      const [sizes, body] = await Promise.all([response.request().sizes(), response.body()]);
      scripts.push({ url: new URL(response.url()).pathname, transferred: sizes.responseBodySize, decoded: body.length });
    })());
  });

  await page.goto(`/tickets/${ticket.id}`);
  await expect(page.getByTestId("message")).toHaveCount(1);
  await expect(page.getByRole("textbox", { name: "Reply text" })).toBeVisible();
  await Promise.all(pending);

  expect(scripts.length).toBeGreaterThan(0);
  const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
  const transferred = scripts.reduce((sum, script) => sum + script.transferred, 0);
  const decoded = scripts.reduce((sum, script) => sum + script.decoded, 0);
  note("ticket page first-load JS", `${scripts.length} files, ${kb(transferred)} transferred (compressed), ${kb(decoded)} uncompressed`);
  note("largest JS files", scripts.sort((a, b) => b.decoded - a.decoded).slice(0, 5).map((s) => `${s.url} ${kb(s.decoded)} (${kb(s.transferred)} transferred)`).join("; "));
  await context.close();
});

test("a 10,000-message ticket shows its first page quickly and pages the rest", async ({ browser, request }) => {
  test.setTimeout(120_000);
  const ticket = await createTicket(request, "A very long conversation");
  const agent = await me(request, "agent");
  const suffix = unique();
  // 9,999 messages before the customer's latest request (the ticket's first, created through the API), written
  // straight into the e2e database — the API keeps the ticket's message count, so it is raised to match.
  await withDatabase(async (client) => {
    await client.query("BEGIN");
    await client.query(
      `INSERT INTO "Message" (id, "ticketId", type, content, "textContent", "authorId", "sendEmail", "deliveryStatus", "createdAt", "updatedAt")
       SELECT 'msg_perf' || $3 || lpad(g::text, 5, '0'), $1,
              (CASE g % 3 WHEN 0 THEN 'request' WHEN 1 THEN 'response' ELSE 'note' END)::"MessageType",
              '<p>Message ' || g || ' of a very long conversation.</p>', 'Message ' || g || ' of a very long conversation.',
              $2, g % 3 = 1, (CASE WHEN g % 3 = 1 THEN 'sent' ELSE 'not_sent' END)::"DeliveryStatus",
              t."createdAt" - (($4 - g) * interval '1 second'), t."createdAt" - (($4 - g) * interval '1 second')
       FROM generate_series(1, $4::int - 1) AS g, "Ticket" t WHERE t.id = $1`,
      [ticket.id, agent.id, suffix, MESSAGES],
    );
    await client.query(`UPDATE "Ticket" SET "messageCount" = "messageCount" + $2 WHERE id = $1`, [ticket.id, MESSAGES - 1]);
    await client.query("COMMIT");
  });

  const context = await coldSignedInContext(browser);
  const page = await context.newPage();
  // Record when the first message card enters the DOM, relative to navigation start.
  await page.addInitScript(() => {
    const record = () => {
      if (document.querySelector('[data-testid="message"]')) {
        (window as unknown as { firstMessageAt: number }).firstMessageAt = performance.now();
        return true;
      }
      return false;
    };
    const observer = new MutationObserver(() => record() && observer.disconnect());
    observer.observe(document, { childList: true, subtree: true });
  });
  const started = Date.now();
  await page.goto(`/tickets/${ticket.id}`);
  const cards = page.getByTestId("message");
  await expect(cards.first()).toBeVisible();
  const wall = Date.now() - started;
  const firstMessageAt = await page.evaluate(() => (window as unknown as { firstMessageAt?: number }).firstMessageAt ?? -1);
  note("10,000-message ticket: first message card in the DOM", `${Math.round(firstMessageAt)} ms after navigation start (cold cache; ${wall} ms until Playwright saw it visible)`);

  // Correctness: one page of 50 is rendered, the total is right, the rest is a click away.
  await expect(page.getByRole("heading", { name: `${MESSAGES} messages` })).toBeVisible();
  await expect(cards).toHaveCount(50);
  await expect(cards.first()).toContainText("Message 1 of a very long conversation.");
  const more = page.getByRole("button", { name: "Load newer messages" });
  await expect(more).toBeVisible();
  const clicked = Date.now();
  await more.click();
  await expect(cards).toHaveCount(100);
  note("10,000-message ticket: next page of 50", `${Date.now() - clicked} ms from click to 100 cards`);
  await expect(cards.nth(50)).toContainText("Message 51 of a very long conversation.");

  // Newest first starts at the other end: the customer's latest request.
  const flipped = Date.now();
  await page.getByRole("button", { name: "Oldest first ↓" }).click();
  await expect(cards.first()).toContainText("I need help with: a very long conversation");
  note("10,000-message ticket: switch to newest first", `${Date.now() - flipped} ms`);
  await expect(cards).toHaveCount(50);
  await expect(page.getByRole("button", { name: "Load older messages" })).toBeVisible();
  await context.close();
});

test("for comparison: time to show a 1-message ticket", async ({ browser, request }) => {
  const ticket = await createTicket(request, "A short conversation");
  const context = await coldSignedInContext(browser);
  const page = await context.newPage();
  const started = Date.now();
  await page.goto(`/tickets/${ticket.id}`);
  await expect(page.getByTestId("message").first()).toBeVisible();
  note("1-message ticket: first message card visible", `${Date.now() - started} ms after navigation start (cold cache)`);
  await context.close();
});
