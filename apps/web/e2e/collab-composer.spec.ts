// The composer's promises of issue 12: a refused address stops the send, Forward checks its recipients first and
// always mails, Ctrl/Cmd+Enter sends, tags are chips saved on Enter, the composer follows "Newest first" to the top,
// and the stale-reply guard: a reply is held when someone else wrote meanwhile, and "Send anyway" sends it once.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { expectNoSeriousAxeViolations } from "./collab-axe";
import { createTicket, getTicket, listMessages, signIn, unique, type Role } from "./support";

const composer = (page: Page) => page.getByRole("form", { name: "Composer" });
const replyText = (page: Page) => composer(page).getByRole("textbox", { name: "Reply text" });

async function openTicket(page: Page, ticketId: string) {
  await page.goto(`/tickets/${ticketId}`);
  await expect(replyText(page)).toBeVisible();
}

async function agentPage(browser: Browser, role: Role, ticketId: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, role);
  await openTicket(page, ticketId);
  return page;
}

test.describe("one agent", () => {
  test.beforeEach(async ({ page }) => {
    await signIn(page, "agent");
  });

  test("a refused CC blocks the send until it is fixed or removed", async ({ page, request }) => {
    const ticket = await createTicket(request, "Refused CC blocks");
    await openTicket(page, ticket.id);
    const text = `Reply with a bad CC ${unique()}`;
    await replyText(page).fill(text);
    const cc = composer(page).getByLabel("Cc", { exact: true });
    await cc.fill("not-an-address");
    await cc.press("Enter");
    await expect(cc).toHaveAttribute("aria-invalid", "true");

    await composer(page).getByRole("button", { name: "Send", exact: true }).click();
    await expect(composer(page).getByRole("alert")).toHaveText("“not-an-address” is not a valid email address.");
    await expect(cc).toHaveValue("not-an-address");
    await page.waitForTimeout(1000);
    expect((await listMessages(request, ticket.id)).pagination.total, "nothing is sent while a CC is refused").toBe(1);

    // Fixed: the corrected address goes with the reply.
    const fixed = `manager-${unique()}@example.com`;
    await cc.fill(fixed);
    await composer(page).getByRole("button", { name: "Send", exact: true }).click();
    await expect(page.getByTestId("message").filter({ hasText: text })).toBeVisible();
    const stored = (await listMessages(request, ticket.id)).data.filter((message) => message.textContent.includes(text));
    expect(stored.map((message) => message.ccs.map((address) => address.email))).toEqual([[fixed]]);
  });

  test("Ctrl+Enter sends from the editor and from an address field", async ({ page, request }) => {
    const ticket = await createTicket(request, "Keyboard send");
    await openTicket(page, ticket.id);
    const first = `Sent with the keyboard ${unique()}`;
    await replyText(page).fill(first);
    await replyText(page).press("Control+Enter");
    await expect(page.getByTestId("message").filter({ hasText: first })).toBeVisible();
    await expect(replyText(page)).toHaveText("");

    // From the Cc field, with an address typed but not yet a chip: it goes with the reply.
    const second = `Second keyboard send ${unique()}`;
    const cc = `typed-${unique()}@example.com`;
    await replyText(page).fill(second);
    await composer(page).getByLabel("Cc", { exact: true }).fill(cc);
    await composer(page).getByLabel("Cc", { exact: true }).press("Control+Enter");
    await expect(page.getByTestId("message").filter({ hasText: second })).toBeVisible();

    const stored = (await listMessages(request, ticket.id)).data;
    const sentFirst = stored.filter((message) => message.textContent.includes(first));
    expect(sentFirst).toHaveLength(1);
    // The shortcut sends; it does not also put a line break into the text.
    expect(sentFirst[0]?.content).not.toContain("<br");
    expect(stored.filter((message) => message.textContent.includes(second)).map((message) => message.ccs.map((a) => a.email))).toEqual([[cc]]);
  });

  test("Forward checks its recipients before sending and has no Send email switch", async ({ page, request }) => {
    const ticket = await createTicket(request, "Forward validation");
    await openTicket(page, ticket.id);
    await expect(composer(page).getByRole("checkbox", { name: "Send email" })).toBeVisible();
    await composer(page).getByRole("tab", { name: "Forward" }).click();
    await expect(composer(page).getByRole("checkbox", { name: "Send email" })).toHaveCount(0);
    const text = `Please have a look ${unique()}`;
    await composer(page).getByRole("textbox", { name: "Forward text" }).fill(text);
    const to = composer(page).getByLabel("Forward to", { exact: true });

    // Nobody to forward to: refused in the browser.
    await composer(page).getByRole("button", { name: "Forward", exact: true }).click();
    await expect(to).toHaveAttribute("aria-invalid", "true");
    await expect(composer(page).getByRole("alert")).toHaveText("Add at least one recipient to forward to.");
    // A refused recipient typed but not yet a chip.
    await to.fill("engineering@");
    await composer(page).getByRole("button", { name: "Forward", exact: true }).click();
    await expect(composer(page).getByRole("alert")).toHaveText("“engineering@” is not a valid email address.");
    await page.waitForTimeout(1000);
    expect((await listMessages(request, ticket.id)).pagination.total).toBe(1);

    const recipient = `engineering-${unique()}@example.com`;
    await to.fill(recipient);
    await composer(page).getByRole("button", { name: "Forward", exact: true }).click();
    await expect(page.getByTestId("message").filter({ hasText: text })).toBeVisible();
    const stored = (await listMessages(request, ticket.id)).data.find((message) => message.textContent.includes(text));
    expect(stored?.isForward).toBe(true);
    expect(stored?.recipients.map((address) => address.email)).toEqual([recipient]);
    expect(stored?.delivery.status, "a forward always mails").not.toBe("not_sent");
  });

  test("tags are chips saved on Enter", async ({ page, request }) => {
    const ticket = await createTicket(request, "Tag chips");
    await openTicket(page, ticket.id);
    const fields = page.getByRole("complementary", { name: "Ticket fields" });
    const input = fields.getByLabel("Tags", { exact: true });
    await input.fill("billing");
    await input.press("Enter");
    await expect(fields.getByRole("button", { name: "Remove tag billing" })).toBeVisible();
    await expect(input).toHaveValue("");
    await expect.poll(async () => (await getTicket(request, ticket.id)).tags).toEqual(["billing"]);
    await input.fill("refund");
    await input.press("Enter");
    await expect.poll(async () => (await getTicket(request, ticket.id)).tags).toEqual(["billing", "refund"]);

    await fields.getByRole("button", { name: "Remove tag billing" }).click();
    await expect(fields.getByRole("button", { name: "Remove tag billing" })).toHaveCount(0);
    await expect.poll(async () => (await getTicket(request, ticket.id)).tags).toEqual(["refund"]);
  });

  test("with Newest first the composer sits above the thread and keeps what was typed", async ({ page, request }) => {
    const ticket = await createTicket(request, "Composer on top");
    await openTicket(page, ticket.id);
    const text = `Typed before reordering ${unique()}`;
    await replyText(page).fill(text);
    const message = page.getByTestId("message").first();
    const above = async () => ((await composer(page).boundingBox())?.y ?? 0) < ((await message.boundingBox())?.y ?? 0);
    expect(await above()).toBe(false);

    await page.getByRole("button", { name: "Oldest first ↓" }).click();
    await expect(page.getByRole("button", { name: "Newest first ↑" })).toBeVisible();
    expect(await above()).toBe(true);
    await expect(replyText(page)).toHaveText(text);
  });
});

test("a reply is held when someone else answered meanwhile, and Send anyway sends it once", async ({ browser, request }) => {
  const ticket = await createTicket(request, "Two agents answer");
  const sam = await agentPage(browser, "agent", ticket.id);
  const ada = await agentPage(browser, "admin", ticket.id);

  const samText = `Sam's answer ${unique()}`;
  await replyText(sam).fill(samText);
  const adaText = `Ada answered first ${unique()}`;
  await replyText(ada).fill(adaText);
  await composer(ada).getByRole("button", { name: "Send", exact: true }).click();
  await expect(ada.getByTestId("message").filter({ hasText: adaText })).toBeVisible();

  await composer(sam).getByRole("button", { name: "Send", exact: true }).click();
  const held = sam.getByTestId("held-reply");
  await expect(held.getByRole("alert")).toHaveText("Not sent yet: a new message was added while you were writing.");
  await expect(held.getByTestId("message").filter({ hasText: adaText })).toHaveAccessibleName("Reply from Ada Admin");
  await expect(replyText(sam)).toHaveText(samText);
  expect((await listMessages(request, ticket.id)).data.filter((message) => message.textContent.includes(samText))).toHaveLength(0);
  await expectNoSeriousAxeViolations(sam, "a held reply");
  if (process.env.HELPDESK_SCREENSHOTS) {
    await sam.mouse.move(0, 0);
    await held.scrollIntoViewIfNeeded();
    await sam.screenshot({ path: path.join(path.dirname(fileURLToPath(import.meta.url)), "screenshots", "held-reply.png") });
  }

  await held.getByRole("button", { name: "Send anyway" }).dblclick();
  await expect(held).toHaveCount(0);
  await expect(sam.getByTestId("message").filter({ hasText: samText })).toBeVisible();
  await sam.waitForTimeout(1000);
  const stored = (await listMessages(request, ticket.id)).data;
  expect(stored.filter((message) => message.textContent.includes(samText)), "sent exactly once").toHaveLength(1);
  expect(stored).toHaveLength(3);
  await sam.context().close();
  await ada.context().close();
});

test("Edit my reply keeps the text, and the next send is not held again for the same messages", async ({ browser, request }) => {
  const ticket = await createTicket(request, "Edit after hold");
  const sam = await agentPage(browser, "agent", ticket.id);
  const ada = await agentPage(browser, "admin", ticket.id);
  await replyText(sam).fill("First thoughts");
  await composer(ada).getByRole("tab", { name: "Internal note" }).click();
  await composer(ada).getByRole("textbox", { name: "Internal note text" }).fill(`A note by Ada ${unique()}`);
  await composer(ada).getByRole("button", { name: "Add note", exact: true }).click();
  await expect(composer(ada).getByRole("textbox", { name: "Internal note text" })).toHaveText("");

  await replyText(sam).press("Control+Enter");
  await sam.getByTestId("held-reply").getByRole("button", { name: "Edit my reply" }).click();
  await expect(sam.getByTestId("held-reply")).toHaveCount(0);
  const samText = `Edited after reading Ada's note ${unique()}`;
  await replyText(sam).fill(samText);
  await replyText(sam).press("Control+Enter");
  await expect(sam.getByTestId("message").filter({ hasText: samText })).toBeVisible();
  expect((await listMessages(request, ticket.id)).data.filter((message) => message.textContent.includes(samText))).toHaveLength(1);
  await sam.context().close();
  await ada.context().close();
});
