// Server drafts: what an agent types is kept on the server, so the same agent finds it in another browser, with its
// CCs, its "and set …" choice and its uploaded files; Discard and sending remove it.
import { expect, test, type Browser, type Page } from "@playwright/test";
import { createTicket, listMessages, rest, signIn, tokenFor, unique } from "./support";

const composer = (page: Page) => page.getByRole("form", { name: "Composer" });
const replyText = (page: Page) => composer(page).getByRole("textbox", { name: "Reply text" });

async function agentBrowser(browser: Browser, ticketId: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, "agent");
  await page.goto(`/tickets/${ticketId}`);
  await expect(composer(page)).toBeVisible();
  return page;
}

test("a draft typed in one browser is there in another, and sending removes it", async ({ browser, request }) => {
  const ticket = await createTicket(request, "Draft follows the agent");
  const laptop = await agentBrowser(browser, ticket.id);
  const text = `Half-written on the laptop ${unique()}`;
  const cc = `draft-${unique()}@example.com`;
  await replyText(laptop).fill(text);
  await composer(laptop).getByLabel("Cc", { exact: true }).fill(cc);
  await composer(laptop).getByLabel("Cc", { exact: true }).press("Enter");
  await composer(laptop).getByRole("combobox", { name: "Then set status" }).selectOption("pending");
  await composer(laptop).getByLabel("+ Attach files").setInputFiles({ name: "notes.txt", mimeType: "text/plain", buffer: Buffer.from("kept with the draft") });
  await expect(composer(laptop).getByRole("button", { name: "Remove notes.txt" })).toBeVisible();
  await expect(composer(laptop).getByText("Draft saved")).toBeVisible();

  const desktop = await agentBrowser(browser, ticket.id);
  await expect(replyText(desktop)).toHaveText(text);
  await expect(composer(desktop).getByRole("button", { name: `Remove ${cc}` })).toBeVisible();
  await expect(composer(desktop).getByRole("combobox", { name: "Then set status" })).toHaveValue("pending");
  await expect(composer(desktop).getByRole("button", { name: "Remove notes.txt" })).toBeVisible();

  // Sent from the second browser with everything the first one prepared.
  await composer(desktop).getByRole("button", { name: "Send and set Pending" }).click();
  await expect(desktop.getByTestId("message").filter({ hasText: text })).toBeVisible();
  const sent = (await listMessages(request, ticket.id)).data.find((message) => message.textContent.includes(text));
  expect(sent?.ccs.map((address) => address.email)).toEqual([cc]);
  expect(sent?.attachments.map((file) => file.name)).toEqual(["notes.txt"]);
  const response = await request.get(`/helpdesk/api/tickets/${ticket.id}/draft`, { headers: { Authorization: `Bearer ${await tokenFor(request, "agent")}` } });
  expect(response.status(), "sending removed the draft").toBe(404);

  await laptop.reload();
  await expect(replyText(laptop)).toHaveText("");
  await laptop.context().close();
  await desktop.context().close();
});

test("a draft saved meanwhile in another window wins, and the agent is told", async ({ browser, request }) => {
  const ticket = await createTicket(request, "Draft conflict");
  const first = await agentBrowser(browser, ticket.id);
  const second = await agentBrowser(browser, ticket.id);
  const newer = `Written in the first window ${unique()}`;
  await replyText(first).fill(newer);
  await expect(composer(first).getByText("Draft saved")).toBeVisible();

  // The second window read the ticket before that draft existed: its save is stale.
  await replyText(second).fill("Older thoughts");
  await expect(composer(second).getByRole("status").filter({ hasText: "changed in another window" })).toBeVisible();
  await expect(replyText(second)).toHaveText(newer);
  await first.context().close();
  await second.context().close();
});

test("Discard empties the composer and removes the draft from the server", async ({ page, request }) => {
  const ticket = await createTicket(request, "Discard a draft");
  await signIn(page, "agent");
  await page.goto(`/tickets/${ticket.id}`);
  await replyText(page).fill(`Never mind ${unique()}`);
  await expect(composer(page).getByText("Draft saved")).toBeVisible();
  await composer(page).getByRole("button", { name: "Discard" }).click();
  await expect(replyText(page)).toHaveText("");
  await expect.poll(async () => {
    const response = await request.get(`/helpdesk/api/tickets/${ticket.id}/draft`, { headers: { Authorization: `Bearer ${await tokenFor(request, "agent")}` } });
    return response.status();
  }).toBe(404);
  await page.reload();
  await expect(replyText(page)).toHaveText("");
  expect((await rest<{ pagination: { total: number } }>(request, "viewer", "GET", `/messages?ticket_id=${ticket.id}`)).pagination.total).toBe(1);
});
