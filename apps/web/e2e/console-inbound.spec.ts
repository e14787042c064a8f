// Inbound email in the console (issue 10): a customer's mail, sent by SMTP to the e2e server's own inbound listener,
// shows on the open ticket live with its sender; its quoted conversation is folded; a mail to a closed ticket links
// the two tickets both ways; a bounce reads on the reply it reports; admins (only) see the doors and the mail that
// could not be read.
import type { TInboundSetup, TMessage, TTicket } from "@helpdesk/validators";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { closeAsTheSystem, createTicket, listMessages, rest, signIn, unique } from "./support";
import { sendOverSmtp } from "../test/support/smtp-client";
import { rawMail } from "./raw-mail";

let setup: TInboundSetup;
let smtpPort: number;
/** Our support address, as the server accepts mail for it. */
let supportAddress: string;

test.beforeAll(async ({ request }) => {
  setup = await rest<TInboundSetup>(request, "admin", "GET", "/inbound/setup");
  expect(setup.smtp.enabled, "playwright.config.ts starts the e2e server with its SMTP door on").toBe(true);
  smtpPort = setup.smtp.port as number;
  supportAddress = setup.addresses[0] as string;
});

/** Hands a raw mail to the server's SMTP door as a mail server would; answers the server's reply to it. */
async function sendMail(envelope: { from: string; to: string }, raw: string): Promise<string> {
  return (await sendOverSmtp(smtpPort, raw, { from: envelope.from, to: [envelope.to] })).response;
}

/** The plus-addressed Reply-To our mails about this ticket carry. */
const replyToOf = (ticketId: string) => setup.replyTo.replace("tkt_…", ticketId);

/** A customer's mail over SMTP from `from` to the ticket's Reply-To, answering `inReplyTo` when given. */
function mailCustomerReply(ticket: TTicket, { from, body, contentType = "text/plain; charset=utf-8", inReplyTo }: {
  from: { name: string; email: string }; body: string; contentType?: string; inReplyTo?: string;
}) {
  const headers: Record<string, string> = {
    From: `${from.name} <${from.email}>`,
    To: replyToOf(ticket.id),
    Subject: `Re: ${ticket.subject} [${ticket.id}]`,
    "Message-ID": `<${unique()}.${unique()}@mail.customer.test>`,
    Date: new Date().toUTCString(),
    "MIME-Version": "1.0",
    "Content-Type": contentType,
    ...(inReplyTo ? { "In-Reply-To": inReplyTo, References: inReplyTo } : {}),
  };
  return sendMail({ from: from.email, to: replyToOf(ticket.id) }, rawMail(headers, body));
}

/** An agent's reply through the API; it queues an outgoing mail with Message-ID `<msg_…@…>`. */
function agentReply(request: APIRequestContext, ticket: TTicket, text: string): Promise<TMessage> {
  return rest<TMessage>(request, "agent", "POST", "/messages", { ticket_id: ticket.id, type: "response", content: `<p>${text}</p>` });
}

const conversationOf = (page: Page) => page.getByRole("region", { name: "Conversation" });

test("a customer's reply sent by SMTP appears live on the open ticket page with the sender's name", async ({ page, request }) => {
  const ticket = await createTicket(request, "Mail reply live");
  const reply = await agentReply(request, ticket, "Please restart the router and tell us if it helps.");
  await signIn(page, "agent");
  await page.goto(`/tickets/${ticket.id}`);
  const conversation = conversationOf(page);
  await expect(conversation.getByRole("heading", { name: "2 messages" })).toBeVisible();
  // Nothing below may reload the page.
  await page.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));

  const text = `Restarted it, all good now ${unique()}`;
  const customer = { name: "Ann Example", email: ticket.requesterEmail };
  const sentAt = Date.now();
  expect(await mailCustomerReply(ticket, { from: customer, body: text, inReplyTo: `<${reply.id}@mail.example>` })).toMatch(/^250 /);

  const card = conversation.getByTestId("message").filter({ hasText: text });
  await expect(card).toBeVisible({ timeout: 5000 });
  test.info().annotations.push({ type: "SMTP mail visible on the open page after (ms)", description: String(Date.now() - sentAt) });
  await expect(card).toHaveAccessibleName("Customer from Ann Example");
  await expect(card.getByTestId("message-sender")).toHaveText(`Ann Example <${customer.email}>`);
  await expect(card.getByText("via email", { exact: true })).toBeVisible();
  await expect(conversation.getByRole("heading", { name: "3 messages" })).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);

  // The mail as it arrived is one click away.
  const original = card.getByRole("link", { name: "Original (.eml)" });
  const messageId = (await listMessages(request, ticket.id)).data.find((message) => message.source === "email")?.id;
  await expect(original).toHaveAttribute("href", `/helpdesk/api/messages/${messageId}/original`);
  const download = await page.request.get((await original.getAttribute("href")) as string);
  expect(download.status()).toBe(200);
  expect(download.headers()["content-type"]).toContain("message/rfc822");
  expect(await download.text()).toContain(text);
});

test("the quoted earlier conversation of a mail is folded until the agent shows it", async ({ page, request }) => {
  const ticket = await createTicket(request, "Mail with a quote");
  const quotedText = `Please try resetting it again ${unique()}`;
  const reply = await agentReply(request, ticket, quotedText);
  const text = `Thanks, the new password works ${unique()}`;
  await mailCustomerReply(ticket, {
    from: { name: "Ann Example", email: ticket.requesterEmail },
    contentType: "text/html; charset=utf-8",
    inReplyTo: `<${reply.id}@mail.example>`,
    // Gmail's shape: the reply, then div.gmail_quote with the attribution and the quoted mail.
    body: `<div dir="ltr">${text}</div><br><div class="gmail_quote"><div dir="ltr" class="gmail_attr">On Mon, 30 Nov 2026 at 10:00, Sam Agent &lt;${supportAddress}&gt; wrote:<br></div><blockquote class="gmail_quote" style="margin:0px 0px 0px 0.8ex;border-left:1px solid rgb(204,204,204);padding-left:1ex"><p>${quotedText}</p></blockquote></div>`,
  });

  await signIn(page, "agent");
  await page.goto(`/tickets/${ticket.id}`);
  const card = conversationOf(page).getByTestId("message").filter({ hasText: text });
  await expect(card).toBeVisible();
  const quote = card.getByText(quotedText);
  await expect(quote).toBeHidden();
  const toggle = card.getByRole("button", { name: "Show quoted text" });
  await expect(toggle).toHaveAttribute("aria-expanded", "false");
  await toggle.click();
  await expect(quote).toBeVisible();
  await expect(card.getByText("wrote:")).toBeVisible();
  const hide = card.getByRole("button", { name: "Hide quoted text" });
  await expect(hide).toHaveAttribute("aria-expanded", "true");
  await hide.click();
  await expect(quote).toBeHidden();
  // The agent's own reply, which quotes nothing, has no such button.
  await expect(conversationOf(page).getByRole("button", { name: /quoted text/ })).toHaveCount(1);
});

test("a mail to a closed ticket opens a follow-up, and the two tickets link to each other", async ({ page, request }) => {
  const closed = await createTicket(request, "Closed, then written to");
  await rest(request, "agent", "PATCH", `/tickets/${closed.id}`, { status: "resolved" });
  await closeAsTheSystem(closed.id);
  const text = `The problem is back ${unique()}`;
  await mailCustomerReply(closed, { from: { name: "Robin Customer", email: closed.requesterEmail }, body: text });

  const followUps = await rest<{ data: TTicket[] }>(request, "viewer", "GET", `/tickets?follow_up_of=${closed.id}`);
  expect(followUps.data).toHaveLength(1);
  const followUp = followUps.data[0] as TTicket;
  expect(followUp.followUpOfId).toBe(closed.id);

  await signIn(page, "agent");
  await page.goto(`/tickets/${closed.id}`);
  await expect(page.getByTestId("closed-notice")).toBeVisible();
  const followUpLink = page.getByTestId("follow-ups").getByRole("link", { name: followUp.subject });
  await expect(page.getByTestId("follow-ups")).toContainText("Follow-ups:");
  await expect(page.getByTestId("follow-up-of")).toHaveCount(0);
  await followUpLink.click();

  await expect(page).toHaveURL(new RegExp(`/tickets/${followUp.id}$`));
  await expect(page.getByRole("heading", { level: 1 })).toContainText(followUp.subject);
  await expect(conversationOf(page).getByTestId("message").filter({ hasText: text })).toBeVisible();
  await expect(page.getByTestId("follow-ups")).toHaveCount(0);
  const back = page.getByTestId("follow-up-of").getByRole("link", { name: closed.subject });
  await expect(page.getByTestId("follow-up-of")).toContainText("Follow-up of");
  await back.click();
  await expect(page).toHaveURL(new RegExp(`/tickets/${closed.id}$`));
  await expect(page.getByTestId("closed-notice")).toBeVisible();
});

test("a bounce of an agent's reply shows on that reply as the reason it failed", async ({ page, request }) => {
  const ticket = await createTicket(request, "Bounced reply");
  const reply = await agentReply(request, ticket, "We refunded your order.");
  const diagnostic = `550 5.1.1 <${ticket.requesterEmail}>: Recipient address rejected: User unknown`;
  const boundary = `report-${unique()}`;
  const dsn = rawMail(
    {
      From: "Mail Delivery System <MAILER-DAEMON@mx.example.com>",
      To: supportAddress,
      Subject: "Undelivered Mail Returned to Sender",
      "Message-ID": `<${unique()}.dsn@mx.example.com>`,
      Date: new Date().toUTCString(),
      "MIME-Version": "1.0",
      "Content-Type": `multipart/report; report-type=delivery-status; boundary="${boundary}"`,
    },
    [
      `--${boundary}`, "Content-Type: text/plain; charset=us-ascii", "", "Your message could not be delivered.", "",
      `--${boundary}`, "Content-Type: message/delivery-status", "", "Reporting-MTA: dns; mx.example.com", "",
      `Final-Recipient: rfc822; ${ticket.requesterEmail}`, "Action: failed", "Status: 5.1.1", `Diagnostic-Code: smtp; ${diagnostic}`, "",
      `--${boundary}`, "Content-Type: text/rfc822-headers", "", `Message-ID: <${reply.id}@mail.example>`, `Subject: ${ticket.subject}`, "",
      `--${boundary}--`,
    ].join("\r\n"),
  );
  expect(await sendMail({ from: "", to: supportAddress }, dsn)).toMatch(/^250 /);

  await signIn(page, "agent");
  await page.goto(`/tickets/${ticket.id}`);
  const delivery = conversationOf(page).getByTestId("message").filter({ hasText: "We refunded your order." }).getByTestId("delivery");
  await expect(delivery).toHaveText(`Delivery failed · Bounced: ${ticket.requesterEmail}: ${diagnostic}`);
});

test("an admin sees the inbound set-up and the mail that could not be read", async ({ page }) => {
  const subject = `A new question by mail ${unique()}`;
  const question = rawMail({ From: "Kim Newcomer <kim@customer.test>", To: supportAddress, Subject: subject, "Message-ID": `<${unique()}@customer.test>` }, "Do you ship abroad?");
  expect(await sendMail({ from: "kim@customer.test", to: supportAddress }, question)).toMatch(/^250 /);
  const garbage = `%%% this is no mail at all ${unique()} %%%`;
  // The null sender and no header lines: nothing names a sender, so the SMTP door keeps it as unparseable.
  expect(await sendMail({ from: "", to: supportAddress }, `${garbage}\r\n`)).toMatch(/^250 /);

  await signIn(page, "admin");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Inbound" }).click();
  await expect(page.getByRole("heading", { name: "Inbound", level: 1 })).toBeVisible();
  const doors = page.getByTestId("inbound-setup");
  await expect(doors).toContainText(supportAddress);
  await expect(doors).toContainText(replyToOf("tkt_…"));
  await expect(page.getByTestId("door-SMTP listener")).toHaveText(`On · port ${smtpPort}`);
  await expect(page.getByTestId("door-HTTP route")).toContainText("Off");
  await expect(page.getByTestId("door-IMAP polling")).toContainText("Off (set HELPDESK_IMAP_URL)");

  const rows = page.getByTestId("inbound-row");
  const questionRow = rows.filter({ hasText: subject });
  await expect(questionRow).toContainText("kim@customer.test");
  await expect(questionRow).toContainText("New ticket");
  await expect(questionRow.getByRole("link", { name: subject })).toHaveAttribute("href", /^\/tickets\/tkt_/);
  await page.getByLabel("Unparseable only").check();
  await expect(questionRow).toHaveCount(0);
  await expect(rows.and(page.locator(':not([data-outcome="unparseable"])'))).toHaveCount(0);
  const newest = rows.first();
  await expect(newest).toContainText("SMTP");
  await expect(newest).toContainText("Unparseable");
  await expect(newest).toContainText("no header lines");
  const original = await page.request.get((await newest.getByRole("link", { name: /\.eml/ }).getAttribute("href")) as string);
  expect(original.status()).toBe(200);
  expect(await original.text()).toContain(garbage);
});

test("an agent has no Inbound page", async ({ page }) => {
  await signIn(page, "agent");
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Inbound" })).toHaveCount(0);
  await page.goto("/inbound");
  await expect(page.getByText("This page is for admins. You are signed in as an agent.")).toBeVisible();
  await expect(page.getByRole("heading", { name: "Inbound", level: 1 })).toHaveCount(0);
});
