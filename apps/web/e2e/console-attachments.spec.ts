// Issue 4 in the console: a reply with a file attached (upload progress, then a real attachment on the message),
// and the Outbox page listing the mail it queued.
import { expect, test } from "@playwright/test";
import { createTicket, listMessages, signIn, unique } from "./support";

test("a reply carries an uploaded file, and its mail waits in the Outbox", async ({ page, request }) => {
  const id = unique();
  const ticket = await createTicket(request, `Attachment ${id}`, { content: "<p>Please see the logs.</p>" });
  await signIn(page, "agent");
  await page.goto(`/tickets/${ticket.id}`);

  const bytes = Buffer.from(`log line ${id}\n`.repeat(2000));
  await page.locator('input[type="file"]').setInputFiles({ name: `server log ${id}.txt`, mimeType: "text/plain", buffer: bytes });
  await expect(page.getByRole("button", { name: `Remove server log ${id}.txt` })).toBeVisible();

  await page.getByRole("textbox", { name: "Reply text" }).click();
  await page.keyboard.type(`Logs attached ${id}`);
  await page.getByRole("button", { name: "Send", exact: true }).click();
  const card = page.getByTestId("message").filter({ hasText: `Logs attached ${id}` });
  const link = card.getByRole("link", { name: new RegExp(`server log ${id}\\.txt`) });
  await expect(link).toBeVisible();

  const stored = (await listMessages(request, ticket.id)).data.find((message) => message.textContent.includes(`Logs attached ${id}`));
  expect(stored?.attachments).toEqual([expect.objectContaining({ name: `server log ${id}.txt`, size: bytes.length })]);
  const download = await page.request.get((await link.getAttribute("href")) as string);
  expect(download.status()).toBe(200);
  expect(download.headers()["content-disposition"]).toMatch(/^attachment;/);
  expect(Buffer.from(await download.body()).equals(bytes)).toBe(true);

  await page.getByRole("link", { name: "Outbox" }).click();
  const row = page.getByTestId("outbox-row").filter({ hasText: `Re: Attachment ${id}` });
  await expect(row).toContainText(ticket.requesterEmail);
  await expect(row).toContainText("queued");
});
