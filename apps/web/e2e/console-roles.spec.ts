// What each role may do on screen: a closed ticket is read-only for everyone, a viewer reads only, an admin manages users.
import { expect, test, type Page } from "@playwright/test";
import { closeAsTheSystem, createTicket, me, rest, signIn, unique } from "./support";

const fieldsPanel = (page: Page) => page.getByRole("complementary", { name: "Ticket fields" });

test("a closed ticket is read-only and says why", async ({ page, request }) => {
  const ticket = await createTicket(request, "Closed ticket");
  await rest(request, "agent", "PATCH", `/tickets/${ticket.id}`, { status: "resolved" });
  await closeAsTheSystem(ticket.id);

  await signIn(page, "agent");
  await page.goto(`/tickets/${ticket.id}`);
  await expect(page.getByRole("heading", { level: 1 }).getByText("closed", { exact: true })).toBeVisible();
  const notice = page.getByTestId("closed-notice");
  await expect(notice).toBeVisible();
  await expect(notice).toContainText("closed, so it is read-only");
  await expect(notice).toContainText("resolved and then closed automatically");
  await expect(page.getByTestId("message")).toHaveCount(1);
  await expect(page.getByRole("form", { name: "Composer" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: /^Send/ })).toHaveCount(0);
  await expect(fieldsPanel(page).getByRole("combobox")).toHaveCount(0);
  await expect(fieldsPanel(page).getByRole("textbox")).toHaveCount(0);
  await expect(fieldsPanel(page)).toContainText("closed");
});

test("a viewer reads a ticket but has no composer and no field editing", async ({ page, request }) => {
  const ticket = await createTicket(request, "Viewer reads only");
  await signIn(page, "viewer");
  await page.goto(`/tickets/${ticket.id}`);
  await expect(page.getByRole("heading", { level: 1 })).toContainText(ticket.subject);
  await expect(page.getByTestId("message")).toHaveCount(1);
  await expect(page.getByText("You have read-only access (viewer role).")).toBeVisible();
  await expect(page.getByRole("form", { name: "Composer" })).toHaveCount(0);
  await expect(page.getByRole("textbox", { name: /text$/ })).toHaveCount(0);
  await expect(fieldsPanel(page).getByRole("combobox")).toHaveCount(0);
  await expect(fieldsPanel(page).getByRole("textbox")).toHaveCount(0);
  // The fields are still shown, as text.
  await expect(fieldsPanel(page)).toContainText("Status");
  await expect(fieldsPanel(page)).toContainText("new");
  // And no Users page for a viewer.
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Users" })).toHaveCount(0);
});

test("an admin invites a user and changes their role", async ({ page, request }) => {
  const suffix = unique();
  const invited = { name: `Pat Newcomer ${suffix}`, email: `pat-${suffix}@helpdesk.local`, password: `password-${suffix}` };

  await signIn(page, "admin");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Users" }).click();
  await expect(page.getByRole("heading", { name: "Users", level: 1 })).toBeVisible();

  const invite = page.getByRole("form", { name: "Invite a user" });
  await invite.getByLabel(/^name$/i).fill(invited.name);
  await invite.getByLabel(/^email$/i).fill(invited.email);
  await invite.getByLabel(/^password$/i).fill(invited.password);
  await expect(invite.getByRole("combobox", { name: /^role/i })).toHaveValue("agent");
  await invite.getByRole("button", { name: "Invite" }).click();
  await expect(page.getByText(`${invited.name} can now sign in`)).toBeVisible();

  const row = page.getByTestId("user-row").and(page.locator(`[data-email="${invited.email}"]`));
  const role = row.getByLabel(`Role of ${invited.name}`);
  await expect(role).toHaveValue("agent");
  await role.selectOption("viewer");
  await expect(page.getByText(`${invited.name} updated`)).toBeVisible();

  await page.reload();
  await expect(page.getByTestId("user-row").and(page.locator(`[data-email="${invited.email}"]`)).getByLabel(`Role of ${invited.name}`)).toHaveValue("viewer");
  // The new role is the one the server enforces for that user.
  expect((await me(request, invited)).role).toBe("viewer");
});

test("an agent has no Users page", async ({ page }) => {
  await signIn(page, "agent");
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Users" })).toHaveCount(0);
  // The address says why it is not for them (finding-polish.spec.ts checks the 403 and the notice).
  await page.goto("/users");
  await expect(page.getByText("This page is for admins. You are signed in as an agent.")).toBeVisible();
  await expect(page.getByRole("heading", { name: "Users", level: 1 })).toHaveCount(0);
});
