// Issue 9, item 3: a remote image in a message (a tracking pixel) is not fetched by the agent's browser until the
// agent asks with "Show images"; our own attachment images show at once; the API still answers the content as stored.
import AxeBuilder from "@axe-core/playwright";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { TMessage } from "@helpdesk/validators";
import { expect, test, type Locator } from "@playwright/test";
import { createTicket, listMessages, rest, signIn, tokenFor, unique } from "./support";

// The smallest valid PNG: one transparent pixel.
const PIXEL = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=", "base64");

let pixelServer: Server;
let pixelUrl: string;
let pixelRequests = 0;

test.beforeAll(async () => {
  pixelServer = createServer((request, response) => {
    if (request.url?.startsWith("/pixel.png")) pixelRequests += 1;
    response.writeHead(200, { "content-type": "image/png", "cache-control": "no-store" }).end(PIXEL);
  });
  await new Promise<void>((resolve) => pixelServer.listen(0, "127.0.0.1", resolve));
  pixelUrl = `http://127.0.0.1:${(pixelServer.address() as AddressInfo).port}/pixel.png`;
});

test.afterAll(async () => {
  await new Promise<void>((resolve) => pixelServer.close(() => resolve()));
});

test.beforeEach(async ({ page }) => {
  await signIn(page, "agent");
});

/** The image's decoded width: 0 until the browser has fetched and decoded it. */
const naturalWidth = (image: Locator) => image.evaluate((element) => (element as HTMLImageElement).naturalWidth);

test("a remote image waits for Show images, and the API keeps the content as stored", async ({ page, request }) => {
  const id = unique();
  const content = `<p>Pixel ${id}</p><p><img src="${pixelUrl}?m=${id}" alt="Pixel ${id}" width="16" height="16"></p>`;
  const ticket = await createTicket(request, `Remote image ${id}`, { content });
  const before = pixelRequests;

  await page.goto(`/tickets/${ticket.id}`);
  const card = page.getByTestId("message").filter({ hasText: `Pixel ${id}` });
  await expect(card).toBeVisible();
  await page.waitForLoadState("networkidle");
  await page.waitForTimeout(1000);
  expect(pixelRequests - before, "the browser fetched the remote image before the agent asked").toBe(0);

  const image = card.getByRole("img", { name: `Pixel ${id}` });
  await expect(image).not.toHaveAttribute("src");
  await expect(image).toHaveAttribute("data-blocked-src", `${pixelUrl}?m=${id}`);
  await expect(card.getByText("Remote images are hidden to protect privacy.")).toBeVisible();

  // The control is a real button, reached and pressed from the keyboard.
  const showImages = card.getByRole("button", { name: "Show images" });
  await showImages.focus();
  await page.keyboard.press("Enter");
  await expect.poll(() => pixelRequests - before).toBe(1);
  await expect(image).toHaveAttribute("src", `${pixelUrl}?m=${id}`);
  await expect(image).toBeVisible();
  await expect.poll(() => naturalWidth(image)).toBe(1);
  await expect(showImages).toHaveCount(0);

  const [stored] = (await listMessages(request, ticket.id)).data;
  expect(stored?.content).toContain(`src="${pixelUrl}?m=${id}"`);
  expect(stored?.content).not.toContain("data-blocked-src");
});

test("the hidden-images note and its button pass axe in the light and the dark theme", async ({ page, request }) => {
  const id = unique();
  const ticket = await createTicket(request, `Remote image a11y ${id}`, { content: `<p>Styled ${id}</p><img src="${pixelUrl}?a=${id}" alt="Logo">` });
  for (const theme of ["light", "dark"] as const) {
    await page.evaluate((value) => localStorage.setItem("theme", value), theme);
    await page.goto(`/tickets/${ticket.id}`);
    await expect(page.locator("html")).toHaveClass(theme === "dark" ? /\bdark\b/ : /^(?!.*\bdark\b)/);
    const card = page.getByTestId("message").filter({ hasText: `Styled ${id}` });
    await expect(card.getByRole("button", { name: "Show images" })).toBeVisible();
    const results = await new AxeBuilder({ page }).include('[data-testid="message"]').withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
    const serious = results.violations.filter((violation) => violation.impact === "serious" || violation.impact === "critical");
    expect(serious.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.html).join(" | ")}`), theme).toEqual([]);
  }
});

test("an image from our own attachments shows without asking", async ({ page, request }) => {
  const id = unique();
  const ticket = await createTicket(request, `Own image ${id}`);
  const upload = await request.post("/helpdesk/api/attachments", {
    headers: { Authorization: `Bearer ${await tokenFor(request, "agent")}` },
    multipart: { file: { name: `screenshot-${id}.png`, mimeType: "image/png", buffer: PIXEL } },
  });
  expect(upload.status(), await upload.text()).toBe(201);
  const { token } = (await upload.json()) as { token: string };
  const withFile = await rest<TMessage>(request, "agent", "POST", "/messages", {
    ticket_id: ticket.id, type: "note", content: `<p>File ${id}</p>`, attachments: [{ token }],
  });
  const url = withFile.attachments[0]?.url as string;
  await rest<TMessage>(request, "agent", "POST", "/messages", {
    ticket_id: ticket.id, type: "note", content: `<p>Inline ${id}</p><p><img src="${url}" alt="Screenshot ${id}" width="16" height="16"></p>`,
  });

  await page.goto(`/tickets/${ticket.id}`);
  const card = page.getByTestId("message").filter({ hasText: `Inline ${id}` });
  const image = card.getByRole("img", { name: `Screenshot ${id}` });
  await expect(image).toHaveAttribute("src", url);
  await expect.poll(() => naturalWidth(image)).toBe(1);
  await expect(card.getByRole("button", { name: "Show images" })).toHaveCount(0);
});
