import { expect, test } from "@playwright/test";

test("an agent signs in on the sign-in page and sees who is signed in", async ({ page }) => {
  await page.goto("/");
  await expect(page).toHaveURL(/\/signin$/);
  await page.getByLabel("Email").fill("agent@helpdesk.local");
  await page.getByLabel("Password").fill("agent-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("signed-in-user")).toContainText("Sam Agent");
  await expect(page.getByTestId("signed-in-role")).toHaveText("agent");

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/signin$/);
});

test("a wrong password shows a clear error and keeps the user on the sign-in page", async ({ page }) => {
  await page.goto("/signin");
  await page.getByLabel("Email").fill("agent@helpdesk.local");
  await page.getByLabel("Password").fill("not the password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert").filter({ hasText: /\S/ })).toHaveText("That email and password don't match an active account.");
  await expect(page).toHaveURL(/\/signin$/);
});
