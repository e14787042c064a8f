// Undo send: a reply that mails waits for its undo window with "Reply sent · Undo"; undoing it within the window
// leaves no message and no mail, and puts its text, CCs and files back into the composer.
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { TMessage } from "@helpdesk/validators";
import { expect, test, type Page } from "@playwright/test";
import { expectNoSeriousAxeViolations } from "./collab-axe";
import { createTicket, listMessages, rest, signIn, unique, withDatabase } from "./support";

const composer = (page: Page) => page.getByRole("form", { name: "Composer" });
const replyText = (page: Page) => composer(page).getByRole("textbox", { name: "Reply text" });

test.beforeEach(async ({ page }) => {
  await signIn(page, "agent");
});

/** The ticket's outgoing emails in the e2e server's outbox, whatever their state. */
function mailsOf(ticketId: string): Promise<{ messageId: string; status: string }[]> {
  return withDatabase(async (client) => (await client.query(`SELECT "messageId", status FROM "OutgoingEmail" WHERE "ticketId" = $1`, [ticketId])).rows);
}

test("undo within the window leaves no message and no mail, and the text and files are back in the composer", async ({ browser, page, request }) => {
  const ticket = await createTicket(request, "Undo a reply");
  // Another agent watching the ticket sees the reply come live, and go with the undo.
  const watcher = await (await browser.newContext()).newPage();
  await signIn(watcher, "admin");
  await watcher.goto(`/tickets/${ticket.id}`);
  await page.goto(`/tickets/${ticket.id}`);
  const text = `Sent a second too early ${unique()}`;
  const cc = `boss-${unique()}@example.com`;
  await replyText(page).fill(text);
  await composer(page).getByLabel("Cc", { exact: true }).fill(cc);
  const file = `invoice ${unique()}.txt`;
  await composer(page).locator('input[type="file"]').setInputFiles({ name: file, mimeType: "text/plain", buffer: Buffer.from("total: 42") });
  await expect(composer(page).getByRole("button", { name: `Remove ${file}` })).toBeVisible();
  await composer(page).getByRole("button", { name: "Send", exact: true }).click();

  const bar = page.getByTestId("undo-send");
  await expect(bar.getByRole("status")).toHaveText("Reply sent");
  await expect(page.getByTestId("message").filter({ hasText: text })).toBeVisible();
  await expect(watcher.getByTestId("message").filter({ hasText: text })).toBeVisible();
  const sent = (await listMessages(request, ticket.id)).data.find((message) => message.textContent.includes(text)) as TMessage;
  expect(sent.undoableUntil, "a reply that mails can be undone for a while").not.toBeNull();
  expect(await mailsOf(ticket.id)).toEqual([{ messageId: sent.id, status: "queued" }]);
  await expectNoSeriousAxeViolations(page, "the undo bar");
  if (process.env.HELPDESK_SCREENSHOTS) {
    await page.mouse.move(0, 0);
    await page.screenshot({ path: path.join(path.dirname(fileURLToPath(import.meta.url)), "screenshots", "undo-send.png") });
  }

  await bar.getByRole("button", { name: "Undo" }).click();
  await expect(bar).toHaveCount(0);
  await expect(page.getByTestId("message").filter({ hasText: text })).toHaveCount(0);
  await expect(replyText(page)).toHaveText(text);
  await expect(composer(page).getByRole("button", { name: `Remove ${cc}` })).toBeVisible();
  await expect(composer(page).getByRole("button", { name: `Remove ${file}` })).toBeVisible();
  await expect(watcher.getByTestId("message").filter({ hasText: text })).toHaveCount(0);
  await expect(watcher.getByRole("heading", { name: "1 message" })).toBeVisible();
  await watcher.context().close();

  // Past the window, still nothing: no message, no mail waiting or sent.
  await page.waitForTimeout(Math.max(0, Date.parse(sent.undoableUntil as string) - Date.now()) + 1500);
  const after = await listMessages(request, ticket.id);
  expect(after.pagination.total).toBe(1);
  expect(after.data.map((message) => message.id)).not.toContain(sent.id);
  expect(await mailsOf(ticket.id)).toEqual([]);
  await rest(request, "viewer", "GET", `/messages/${sent.id}`, undefined, 404);

  // Sending the restored text again makes a new message (a new idempotency key), sent once.
  await composer(page).getByRole("button", { name: "Send", exact: true }).click();
  await expect(page.getByTestId("message").filter({ hasText: text })).toBeVisible();
  const again = (await listMessages(request, ticket.id)).data.filter((message) => message.textContent.includes(text));
  expect(again).toHaveLength(1);
  expect(again[0]?.id).not.toBe(sent.id);
  expect(again[0]?.ccs.map((address) => address.email)).toEqual([cc]);
  expect(again[0]?.attachments.map((attachment) => attachment.name)).toEqual([file]);
  expect((await mailsOf(ticket.id)).map((mail) => mail.messageId)).toEqual([again[0]?.id]);
});

test("the undo bar goes away when the window is over, and a note has none", async ({ page, request }) => {
  const ticket = await createTicket(request, "Undo window ends");
  await page.goto(`/tickets/${ticket.id}`);
  await replyText(page).fill(`Ends on its own ${unique()}`);
  await replyText(page).press("Control+Enter");
  const bar = page.getByTestId("undo-send");
  await expect(bar).toBeVisible();
  const sent = (await listMessages(request, ticket.id)).data.find((message) => message.type === "response") as TMessage;
  await expect(bar).toHaveCount(0, { timeout: Math.max(0, Date.parse(sent.undoableUntil as string) - Date.now()) + 2000 });

  await composer(page).getByRole("tab", { name: "Internal note" }).click();
  await composer(page).getByRole("textbox", { name: "Internal note text" }).fill(`A note ${unique()}`);
  await composer(page).getByRole("button", { name: "Add note", exact: true }).click();
  await expect(page.getByText("Note added")).toBeVisible();
  await expect(bar).toHaveCount(0);
});
