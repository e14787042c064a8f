// Issue 13, macros: an admin manages canned replies; an agent inserts one from the composer (`/` in an empty message,
// or the Macros button) with its placeholders filled, and its status, priority and tags go with the send as ONE change.
// Also the ticket page's r / n / f keys.
import type { TMacro, TTicket, TTicketEvent } from "@helpdesk/validators";
import { expect, test, type Page } from "@playwright/test";
import { expectAccessible, inBothThemes } from "./finding-support";
import { createTicket, me, rest, signIn, unique, USERS } from "./support";

test.use({ viewport: { width: 1280, height: 900 } });

const composer = (page: Page) => page.getByRole("form", { name: "Composer" });
const picker = (page: Page) => page.getByRole("dialog", { name: "Macros" });
const PICKER = '[role="dialog"][aria-label="Macros"]';

async function events(request: Parameters<typeof rest>[0], ticketId: string): Promise<TTicketEvent[]> {
  return (await rest<{ data: TTicketEvent[] }>(request, "viewer", "GET", `/tickets/${ticketId}/events`)).data;
}

test("an admin creates a macro; an agent inserts it with / and with the button, and its fields go with the send in one change", async ({ page, browser, request }) => {
  const name = `Refund done ${unique()}`;
  const tag = `refund-${unique()}`;

  // The admin writes it: placeholders, a status, a priority and two tags.
  await signIn(page, "admin");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Macros" }).click();
  await expect(page.getByRole("heading", { name: "Macros", level: 1 })).toBeVisible();
  await page.getByRole("button", { name: "New macro" }).click();
  const form = page.getByRole("dialog", { name: "New macro" });
  await form.getByLabel("Name").fill(name);
  const text = form.getByRole("textbox", { name: "Reply text" });
  await text.click();
  await text.pressSequentially("Hello ");
  await form.getByRole("button", { name: "Requester name" }).click();
  await text.pressSequentially(", this is {{agent.name}} about {{ticket.id}}.");
  await form.getByLabel("Status").selectOption("pending");
  await form.getByLabel("Priority").selectOption("high");
  for (const each of ["billing", tag]) {
    await form.getByLabel("Tags").fill(each);
    await form.getByLabel("Tags").press("Enter");
  }
  await form.getByRole("button", { name: "Create macro" }).click();
  await expect(form).toBeHidden();
  const card = page.getByRole("article", { name });
  await expect(card).toContainText("Hello {{ticket.requester_name}}, this is {{agent.name}} about {{ticket.id}}.");
  await expect(card).toContainText(`Sets status Pending, priority High · adds tags billing, ${tag}`);
  const stored = (await rest<{ data: TMacro[] }>(request, "agent", "GET", "/macros")).data.find((macro) => macro.name === name);
  expect(stored).toMatchObject({ ticketUpdate: { status: "pending", priority: "high" }, addTags: ["billing", tag] });

  await inBothThemes(page, async (theme) => {
    await expect(card).toBeVisible();
    await expectAccessible(page, "main", `the macros page (${theme})`);
  });

  // The agent answers with it: `/` in the empty reply opens the picker, the name finds it, Enter inserts it.
  const ticket = await createTicket(request, "Refund please", {}, "admin");
  const agent = await (await browser.newContext()).newPage();
  await signIn(agent, "agent");
  await agent.goto(`/tickets/${ticket.id}`);
  const reply = composer(agent).getByRole("textbox", { name: "Reply text" });
  await reply.click();
  await agent.keyboard.press("/");
  await expect(picker(agent)).toBeVisible();
  const search = picker(agent).getByRole("combobox");
  await expect(search).toBeFocused();
  await search.fill(name.slice(0, 12));
  await expect(picker(agent).getByRole("option", { name })).toBeVisible();
  await search.press("Enter");
  await expect(picker(agent)).toBeHidden();
  await expect(reply).toHaveText(`Hello Robin Customer, this is ${USERS.agent.name} about ${ticket.id}.`);
  await expect(reply).toBeFocused();
  const alsoSet = composer(agent).getByTestId("also-set");
  for (const part of ["Will also set", "priority High", "add tags", "billing", tag]) await expect(alsoSet).toContainText(part);
  const send = composer(agent).getByRole("button", { name: "Send and set Pending" });
  await expect(send).toBeVisible();

  const before = await events(request, ticket.id);
  await send.click();
  await expect(agent.getByRole("status").filter({ hasText: "Reply sent" }).first()).toBeVisible();
  const updated = await rest<TTicket>(request, "viewer", "GET", `/tickets/${ticket.id}`);
  expect(updated).toMatchObject({ status: "pending", priority: "high" });
  expect(updated.tags).toEqual(expect.arrayContaining(["billing", tag]));
  // One change, by the agent, holding every field the macro set.
  const added = (await events(request, ticket.id)).slice(before.length);
  expect(added).toHaveLength(1);
  expect(added[0]?.actorId).toBe((await me(request, "agent")).id);
  expect(Object.keys(added[0]?.changes ?? {}).sort()).toEqual(["priority", "status", "tags"]);
  expect(added[0]?.changes).toMatchObject({ status: { to: "pending" }, priority: { to: "high" } });

  // With the button, after some text: inserted at the cursor; the fields wait (removable) in the server draft.
  const second = await createTicket(request, "Another refund", { requester_name: "Kim <Buyer>" }, "admin");
  await agent.goto(`/tickets/${second.id}`);
  await reply.click();
  await reply.pressSequentially("Thanks for waiting. ");
  await composer(agent).getByRole("button", { name: "Macros" }).click();
  await picker(agent).getByRole("combobox").fill(name);
  await picker(agent).getByRole("option", { name }).click();
  await expect(reply).toContainText("Thanks for waiting.");
  await expect(reply).toContainText(`Hello Kim <Buyer>, this is ${USERS.agent.name} about ${second.id}.`);
  await composer(agent).getByRole("button", { name: `Do not add tag ${tag}` }).click();
  await expect(composer(agent).getByText("Draft saved")).toBeVisible();
  await agent.reload();
  await expect(reply).toContainText("Hello Kim <Buyer>");
  await expect(alsoSet).toContainText("priority High");
  await expect(alsoSet).toContainText("billing");
  await expect(alsoSet).not.toContainText(tag);
  await expect(composer(agent).getByRole("button", { name: "Send and set Pending" })).toBeVisible();

  // The open picker is accessible in both themes.
  await inBothThemes(agent, async (theme) => {
    await composer(agent).getByRole("button", { name: "Macros" }).click();
    await expect(picker(agent).getByRole("option", { name })).toBeVisible();
    await expectAccessible(agent, PICKER, `the macro picker (${theme})`);
    await agent.keyboard.press("Escape");
    await expect(picker(agent)).toBeHidden();
  });
  await composer(agent).getByRole("button", { name: "Discard" }).click();
  await agent.context().close();
});

test("an admin edits a macro and deletes it", async ({ page, request }) => {
  const name = `Shipping delay ${unique()}`;
  const created = await rest<TMacro>(request, "admin", "POST", "/macros", {
    name, content: "<p>Your parcel is late.</p>", ticket_update: { priority: "urgent" }, add_tags: ["shipping"],
  });
  await signIn(page, "admin");
  await page.goto("/macros");
  const card = page.getByRole("article", { name });
  await card.getByRole("button", { name: `Edit ${name}` }).click();
  const form = page.getByRole("dialog", { name: `Edit ${name}` });
  await expect(form.getByRole("textbox", { name: "Reply text" })).toHaveText("Your parcel is late.");
  await form.getByLabel("Name").fill(`${name} (EU)`);
  await form.getByLabel("Priority").selectOption("");
  await form.getByLabel("Type").selectOption("problem");
  await form.getByRole("button", { name: "Remove tag shipping" }).click();
  await form.getByRole("button", { name: "Save macro" }).click();
  await expect(form).toBeHidden();
  const renamed = page.getByRole("article", { name: `${name} (EU)` });
  await expect(renamed).toContainText("Sets type Problem");
  const stored = (await rest<{ data: TMacro[] }>(request, "admin", "GET", "/macros")).data.find((macro) => macro.id === created.id);
  expect(stored).toMatchObject({ name: `${name} (EU)`, ticketUpdate: { type: "problem" }, addTags: [] });
  expect(stored?.ticketUpdate.priority).toBeUndefined();

  // A name another macro has (whatever the case) is refused at the name.
  await page.getByRole("button", { name: "New macro" }).click();
  const again = page.getByRole("dialog", { name: "New macro" });
  await again.getByLabel("Name").fill(`${name} (eu)`.toUpperCase());
  await again.getByRole("textbox", { name: "Reply text" }).fill("Sorry.");
  await again.getByRole("button", { name: "Create macro" }).click();
  await expect(again.getByText("A macro with this name already exists.")).toBeVisible();
  await again.getByRole("button", { name: "Cancel" }).click();

  await renamed.getByRole("button", { name: `Delete ${name} (EU)` }).click();
  await page.getByRole("dialog", { name: `Delete ${name} (EU)?` }).getByRole("button", { name: "Delete macro" }).click();
  await expect(renamed).toHaveCount(0);
  const left = (await rest<{ data: TMacro[] }>(request, "admin", "GET", "/macros")).data;
  expect(left.some((macro) => macro.id === created.id)).toBe(false);
});

test("an agent cannot manage macros", async ({ page, request }) => {
  await signIn(page, "agent");
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Macros" })).toHaveCount(0);
  await page.goto("/macros");
  await expect(page.getByText("This page is for admins. You are signed in as an agent.")).toBeVisible();
  await expect(page.getByRole("heading", { name: "Macros", level: 1 })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "New macro" })).toHaveCount(0);
  await rest(request, "agent", "POST", "/macros", { name: `Not mine ${unique()}`, content: "<p>Hi</p>" }, 403);
});

test("r, n and f switch the composer and put the cursor in it; typed in a field they are just letters", async ({ page, request }) => {
  const ticket = await createTicket(request, "Keys on the ticket page");
  await signIn(page, "agent");
  await page.goto(`/tickets/${ticket.id}`);
  const tab = (name: string) => composer(page).getByRole("tab", { name });
  await expect(composer(page).getByRole("textbox", { name: "Reply text" })).toBeVisible();
  const leaveFields = () => page.getByRole("heading", { level: 1 }).click();

  for (const [key, mode] of [["n", "Internal note"], ["f", "Forward"], ["r", "Reply"]] as const) {
    await leaveFields();
    await page.keyboard.press(key);
    await expect(tab(mode)).toHaveAttribute("aria-selected", "true");
    const editor = composer(page).getByRole("textbox", { name: `${mode} text` });
    await expect(editor).toBeFocused();
    await expect(editor).toHaveText("");
  }
  // In the editor the keys type.
  await page.keyboard.type("fn");
  await expect(composer(page).getByRole("textbox", { name: "Reply text" })).toHaveText("fn");
  await expect(tab("Reply")).toHaveAttribute("aria-selected", "true");
  await composer(page).getByRole("button", { name: "Discard" }).click();
});
