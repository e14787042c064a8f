// Issue 4, outgoing mail when things go wrong: the SMTP server down, refusals, a worker dying mid-send, several
// workers at once; and the worker running on its own, and the outbox listing for the console.
import { claimNextEmail, MAIL_DEFAULTS, startMailWorker } from "@helpdesk/api";
import { getDb } from "@helpdesk/db";
import { freePort } from "@helpdesk/db/server";
import { describe, expect, it } from "vitest";
import { agentCaller, createSmtp, mailsFor, useMailTestbed } from "./support/mail.ts";
import { call, signInAs, useApi } from "./support/api.ts";
import { createMessage, createTicket, sleep } from "./support/fixtures.ts";

const bed = useMailTestbed();
const { api, users: [agent] } = useApi({ roles: ["agent"] });

async function respond(to = "casey@customer.test") {
  const ticket = await createTicket(api, agent.token, { requester_email: to });
  return createMessage(api, agent.token, { ticket_id: ticket.id, type: "response", content: "<p>Hi</p>" });
}
const delivery = async (id: string) => (await call(api, "GET", `/messages/${id}`, { token: agent.token })).body.delivery;

describe("retries", () => {
  it("retries with backoff while the SMTP server is down, then delivers exactly once", async () => {
    const down = createSmtp(await freePort());
    const message = await respond();
    const viaDown = { smtpUrl: down.url };

    expect(await bed.pass(viaDown)).toEqual({ sent: 0, retrying: 1, failed: 0 });
    const first = await delivery(message.id);
    expect(first).toMatchObject({ status: "queued", attempts: 1 });
    expect(first.lastError).toMatch(/ECONNREFUSED|ECONNECTION|ESOCKET/);
    // Not due again before its 30 s backoff.
    expect(await bed.pass(viaDown)).toEqual({ sent: 0, retrying: 0, failed: 0 });
    bed.clock.advance(30_000);
    expect(await bed.pass(viaDown)).toEqual({ sent: 0, retrying: 1, failed: 0 });
    expect(await delivery(message.id)).toMatchObject({ status: "queued", attempts: 2 });
    // Then a 1 min backoff; by now the server is back.
    await down.start();
    bed.clock.advance(30_000);
    expect(await bed.pass(viaDown)).toEqual({ sent: 0, retrying: 0, failed: 0 });
    bed.clock.advance(30_000);
    expect(await bed.pass(viaDown)).toEqual({ sent: 1, retrying: 0, failed: 0 });
    bed.clock.advance(3_600_000);
    await bed.pass(viaDown);
    await down.stop();

    expect(down.received.filter(({ mail }) => mail.messageId?.startsWith(`<${message.id}@`))).toHaveLength(1);
    expect(await delivery(message.id)).toEqual({ status: "sent", attempts: 3, lastError: null });
  });

  it("gives up after the last attempt: status failed, with the last error", async () => {
    const down = createSmtp(await freePort());
    const message = await respond();
    for (let attempt = 1; attempt <= 3; attempt++) {
      await bed.pass({ smtpUrl: down.url, maxAttempts: 3 });
      bed.clock.advance(MAIL_DEFAULTS.backoffCapMs);
    }
    const final = await delivery(message.id);
    expect(final).toMatchObject({ status: "failed", attempts: 3 });
    expect(final.lastError).toBeTruthy();
    expect(await bed.pass({ smtpUrl: down.url })).toEqual({ sent: 0, retrying: 0, failed: 0 });
  });

  it("fails at once on a permanent refusal (550 no such mailbox)", async () => {
    const message = await respond("bounce-me@customer.test");
    expect(await bed.pass()).toEqual({ sent: 0, retrying: 0, failed: 1 });
    const final = await delivery(message.id);
    expect(final).toMatchObject({ status: "failed", attempts: 1 });
    expect(final.lastError).toContain("No such user here");
  });
});

describe("crash safety and concurrency", () => {
  it("a worker that died after claiming: the mail waits for the lease, then goes out", async () => {
    const message = await respond();
    const now = new Date(Date.now() + bed.clock.offset);
    const claimed = await claimNextEmail(getDb(), now, MAIL_DEFAULTS.leaseMs);
    expect(claimed?.messageId).toBe(message.id);
    // ...and the process dies here, perhaps after the SMTP server took the mail. The claim holds until the lease ends:
    expect(await bed.pass()).toEqual({ sent: 0, retrying: 0, failed: 0 });
    bed.clock.advance(MAIL_DEFAULTS.leaseMs + 1000);
    expect(await bed.pass()).toEqual({ sent: 1, retrying: 0, failed: 0 });
    expect(mailsFor(bed.smtp, message.id)).toHaveLength(1);
    expect(await delivery(message.id)).toEqual({ status: "sent", attempts: 2, lastError: null });
  });

  it("several workers at once deliver every mail exactly once", async () => {
    const messages = [];
    for (let index = 0; index < 6; index++) messages.push(await respond());
    const passes = await Promise.all([bed.pass(), bed.pass(), bed.pass()]);
    expect(passes.reduce((total, pass) => total + pass.sent, 0)).toBe(6);
    for (const message of messages) expect(mailsFor(bed.smtp, message.id)).toHaveLength(1);
  });

  it("startMailWorker delivers on its own and stops cleanly", async () => {
    const stop = startMailWorker(getDb(), bed.config({ now: () => new Date(), pollIntervalMs: 50 }));
    try {
      const message = await respond();
      for (let waited = 0; waited < 10_000 && (await delivery(message.id)).status !== "sent"; waited += 50) await sleep(50);
      expect(await delivery(message.id)).toEqual({ status: "sent", attempts: 1, lastError: null });
      expect(mailsFor(bed.smtp, message.id)).toHaveLength(1);
    } finally {
      await stop();
    }
  });
});

describe("outbox.list", () => {
  it("lists the emails newest first with recipients, status, attempts and errors, for agents and up", async () => {
    const queued = await respond("waiting@customer.test");
    const caller = await agentCaller(agent.user.id);
    const page = await caller.outbox.list({ limit: 100 });
    expect(page.pagination).toMatchObject({ page: 1, limit: 100 });
    expect(page.data[0]).toEqual({
      id: expect.stringMatching(/^eml_/),
      messageId: queued.id,
      ticketId: queued.ticketId,
      to: [{ email: "waiting@customer.test", name: "Casey Customer" }],
      cc: [],
      subject: expect.stringMatching(/^Re: /),
      status: "queued",
      attempts: 0,
      lastError: null,
      nextAttemptAt: expect.any(String),
      sentAt: null,
      createdAt: expect.any(String),
    });
    const failed = await caller.outbox.list({ status: "failed" });
    expect(failed.data.length).toBeGreaterThanOrEqual(2);
    expect(failed.data.every((email) => email.status === "failed" && email.lastError)).toBe(true);
    const sent = await caller.outbox.list({ status: "sent", limit: 1 });
    expect(sent.data[0]).toMatchObject({ status: "sent", nextAttemptAt: null, sentAt: expect.any(String) });

    const viewer = await signInAs(api, "viewer");
    await expect((await agentCaller(viewer.user.id)).outbox.list({})).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});
