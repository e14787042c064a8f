import { expect, test } from "@playwright/test";

test("the API reference renders the OpenAPI document, without signing in and without leaving this origin", async ({ page, baseURL }) => {
  const foreign: string[] = [];
  page.on("request", (request) => {
    const url = request.url();
    if (!url.startsWith(`${baseURL}/`) && !url.startsWith("data:") && !url.startsWith("blob:")) foreign.push(url);
  });
  await page.goto("/docs/api");
  await expect(page).toHaveURL(/\/docs\/api$/);

  const createMessage = page.locator(".opblock").filter({ hasText: "Create a message" });
  await expect(createMessage).toContainText("/helpdesk/api/messages");
  await expect(createMessage.locator(".opblock-summary-method")).toHaveText("POST");

  // Expanding an operation shows the reference's request fields and the contract's error codes.
  await createMessage.getByText("Create a message").click();
  await expect(createMessage.getByText("Request body")).toBeVisible();
  await createMessage.getByRole("tab", { name: "Schema" }).first().click();
  await expect(createMessage).toContainText("ticket_update");
  await expect(createMessage).toContainText("TICKET_CLOSED");

  expect(foreign).toEqual([]);
});
