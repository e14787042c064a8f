// Issue 13, search in the console: the inbox's search box (focused by `/`) finds words that are only in a message's
// body, shows the snippet with the words marked (and a message's `<script>` as plain text), filters by status, and a
// click opens the ticket at the matching message, even one past the conversation's first page. A viewer searches (any
// role may); the admin writes the data, sparing the agent's request budget, which other specs spend.
import type { TMessage } from "@helpdesk/validators";
import { expect, test, type Page } from "@playwright/test";
import { createTicket, rest, signIn } from "./support";
import { expectAccessible, inBothThemes, uniqueWord } from "./finding-support";

test.use({ viewport: { width: 1280, height: 900 } });

const rows = (page: Page) => page.getByRole("list", { name: "Tickets" }).getByRole("listitem");

async function searchFor(page: Page, words: string) {
  await page.goto("/");
  await page.keyboard.press("/");
  const box = page.getByRole("searchbox", { name: "Search tickets" });
  await expect(box).toBeFocused();
  await page.keyboard.type(words);
  await expect(page).toHaveURL(new RegExp(`/\\?q=${words}$`));
}

test("search finds a word only in a message's body, marks it in the snippet, shows <script> as text and opens the message", async ({ page, request }) => {
  const word = uniqueWord("quokka");
  const ticket = await createTicket(request, "Printer jams on Mondays", {}, "admin");
  await rest(request, "admin", "POST", "/messages", { ticket_id: ticket.id, type: "note", content: "<p>Checked the logs, nothing there.</p>" });
  const match = await rest<TMessage>(request, "admin", "POST", "/messages", {
    ticket_id: ticket.id,
    type: "request",
    content: `<p>The page says &lt;script&gt;alert(1)&lt;/script&gt; and then the ${word} tray fails.</p>`,
  });
  await rest(request, "admin", "POST", "/messages", { ticket_id: ticket.id, type: "note", content: "<p>Asked for a photo.</p>" });
  await signIn(page, "viewer");

  await searchFor(page, word);
  const row = rows(page).filter({ hasText: ticket.subject });
  await expect(row).toHaveCount(1);
  await expect(page.getByRole("status").filter({ hasText: "match" })).toHaveText(`1 ticket matches “${word}”, best first.`);
  const snippet = row.getByTestId("search-snippet");
  await expect(snippet).toHaveCount(1);
  await expect(snippet.locator("mark")).toHaveText(word);
  await expect(snippet).toContainText(`The page says <script>alert(1)</script> and then the ${word} tray fails.`);
  await expect(page.locator("[data-testid=search-snippet] script")).toHaveCount(0);
  await expect(snippet).toHaveAttribute("href", `/tickets/${ticket.id}?message=${match.id}`);

  // The status filter narrows the results and joins the URL.
  await page.getByRole("combobox", { name: "Status" }).selectOption("pending");
  await expect(page).toHaveURL(new RegExp(`\\?q=${word}&status=pending$`));
  await expect(page.getByText("Nothing matches.", { exact: false })).toBeVisible();
  await page.getByRole("combobox", { name: "Status" }).selectOption("new");
  await expect(row).toHaveCount(1);

  await inBothThemes(page, async (theme) => {
    await expect(snippet.locator("mark")).toHaveText(word);
    await expectAccessible(page, 'ul[aria-label="Tickets"]', `search results with a snippet (${theme})`);
  });

  // A click opens the ticket at that message: scrolled into view, outlined, focused.
  await snippet.click();
  await expect(page).toHaveURL(new RegExp(`/tickets/${ticket.id}\\?message=${match.id}$`));
  const card = page.locator(`section[aria-label="Conversation"] [data-message-id="${match.id}"]`);
  await expect(card).toHaveAttribute("data-search-hit", "true");
  await expect(card).toBeInViewport();
  await expect(card).toBeFocused();
  await expect(card).toContainText("<script>alert(1)</script>");
  await expect(page.locator("[data-search-hit]")).toHaveCount(1);

  // Back returns to the results as they were.
  await page.goBack();
  await expect(page.getByRole("searchbox", { name: "Search tickets" })).toHaveValue(word);
  await expect(page.getByRole("combobox", { name: "Status" })).toHaveValue("new");
  await expect(rows(page).filter({ hasText: ticket.subject })).toHaveCount(1);
});

test("a match past the conversation's first page opens shown on its own above the thread", async ({ page, request }) => {
  const word = uniqueWord("wombat");
  const ticket = await createTicket(request, "A long conversation", {}, "admin");
  // 52 notes after the first request: the conversation's first page (50, oldest first) ends before the last ones.
  let last: TMessage | undefined;
  for (let index = 1; index <= 52; index += 1) {
    const text = index === 52 ? `Found the cause: the ${word} setting was off.` : `Progress note ${index}.`;
    last = await rest<TMessage>(request, "admin", "POST", "/messages", { ticket_id: ticket.id, type: "note", content: `<p>${text}</p>` });
  }
  await signIn(page, "viewer");
  await searchFor(page, word);
  await rows(page).filter({ hasText: ticket.subject }).getByTestId("search-snippet").click();
  await expect(page).toHaveURL(new RegExp(`\\?message=${last?.id}$`));

  const found = page.getByRole("region", { name: "Message found by your search" });
  const card = found.locator(`[data-message-id="${last?.id}"]`);
  await expect(card).toHaveAttribute("data-search-hit", "true");
  await expect(card).toContainText(`the ${word} setting was off`);
  await expect(card).toBeInViewport();
  await expect(page.locator(`section[aria-label="Conversation"] [data-message-id="${last?.id}"]`)).toHaveCount(0);
  await expectAccessible(page, 'section[aria-label="Message found by your search"]', "the message found by the search");
});
