// Webhooks in the console (issue 14): an admin adds an endpoint pointing at a receiver this test runs on loopback
// (playwright.config.ts lets the e2e server reach private addresses), sees the signing secret once, sends a test event
// and finds it in the endpoint's delivery log; the receiver got it, signed with that secret.
import { createHmac } from "node:crypto";
import { once } from "node:events";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test } from "@playwright/test";
import { expectNoSeriousAxeViolations } from "./collab-axe";
import { signIn, unique } from "./support";

interface Received { headers: http.IncomingHttpHeaders; body: string }

let receiver: http.Server;
const received: Received[] = [];

test.beforeAll(async () => {
  receiver = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      received.push({ headers: request.headers, body: Buffer.concat(chunks).toString("utf8") });
      response.end("received");
    });
  });
  receiver.listen(0, "127.0.0.1");
  await once(receiver, "listening");
});

test.afterAll(() => new Promise<void>((resolve) => receiver.close(() => resolve())));

test("an admin adds an endpoint, sees its secret once, sends a test event and finds it in the delivery log", async ({ page }) => {
  const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks/${unique()}`;
  await signIn(page, "admin");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Webhooks" }).click();
  await expect(page.getByRole("heading", { name: "Webhooks", level: 1 })).toBeVisible();

  const form = page.getByRole("form", { name: "Add an endpoint" });
  await form.getByLabel("Endpoint URL").fill(url);
  await form.getByRole("button", { name: "Add endpoint" }).click();
  const secret = (await page.getByTestId("webhook-secret").textContent()) ?? "";
  expect(secret).toMatch(/^whsec_/);
  await expectNoSeriousAxeViolations(page, "the webhooks page with a new secret");

  const card = page.getByRole("article", { name: `Endpoint ${url}` });
  await expect(card.getByTestId("webhook-state")).toHaveText("Active");
  await card.getByRole("button", { name: "Send test event" }).click();
  const delivery = card.getByTestId("webhook-delivery").filter({ hasText: "webhook.test" });
  await expect(delivery).toHaveAttribute("data-status", "delivered", { timeout: 15_000 });
  await expect(delivery.getByTestId("delivery-status-code")).toHaveText("200");
  // The toasts fade in and out, which axe would measure mid-animation.
  await expect(page.locator("[data-sonner-toast]")).toHaveCount(0, { timeout: 10_000 });
  await expectNoSeriousAxeViolations(page, "the delivery log");

  const test = received.find((request) => request.headers["helpdesk-event-id"] && JSON.parse(request.body).type === "webhook.test");
  expect(test, "the receiver got the test event").toBeDefined();
  const [t, v1] = String(test!.headers["helpdesk-signature"]).split(",").map((part) => part.split("=")[1]);
  expect(createHmac("sha256", secret).update(`${t}.${test!.body}`).digest("hex")).toBe(v1);

  // Shown once: after a reload the secret is gone from the page.
  await page.reload();
  await expect(page.getByRole("article", { name: `Endpoint ${url}` })).toBeVisible();
  await expect(page.getByTestId("webhook-secret")).toHaveCount(0);

  // Deleted, so that the later specs' tickets are not announced to a receiver that is gone.
  page.once("dialog", (dialog) => void dialog.accept());
  await page.getByRole("article", { name: `Endpoint ${url}` }).getByRole("button", { name: "Delete" }).click();
  await expect(page.getByRole("article", { name: `Endpoint ${url}` })).toHaveCount(0);
});
