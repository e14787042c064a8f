// Issue 4 and issue 9 (CONTRACT §10), outgoing mail when things go wrong: the SMTP server down, refusals, the
// background work stopped mid-way and started again, two instances at once; and the outbox listing for the console.
// Every mail goes through the real background work (pg-boss) to a real SMTP server on loopback.
import { getDb } from "@helpdesk/db";
import { freePort } from "@helpdesk/db/server";
import { describe, expect, it } from "vitest";
import { agentCaller, createSmtp, mailsFor, useMailTestbed } from "./support/mail.ts";
import { call, signInAs, useApi } from "./support/api.ts";
import { createMessage, createTicket, sleep } from "./support/fixtures.ts";

// No instance runs until a test starts one: each test decides where its instance sends.
const bed = useMailTestbed({ work: false });
const { api, users: [agent] } = useApi({ roles: ["agent"] });

async function respond(to = "casey@customer.test") {
  const ticket = await createTicket(api, agent.token, { requester_email: to });
  return createMessage(api, agent.token, { ticket_id: ticket.id, type: "response", content: "<p>Hi</p>" });
}
const delivery = async (id: string) => (await call(api, "GET", `/messages/${id}`, { token: agent.token })).body.delivery;
async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 30_000): Promise<T> {
  for (const deadline = Date.now() + timeoutMs; ; await sleep(100)) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
  }
}
const jobStates = async () =>
  getDb().$queryRaw<{ state: string; count: number }[]>`SELECT state::text, count(*)::int AS count FROM pgboss.job WHERE name = 'mail-deliver' GROUP BY state`;

describe("retries", () => {
  it("retries with backoff while the SMTP server is down, then delivers exactly once", async () => {
    const down = createSmtp(await freePort());
    const work = await bed.startWork({ smtpUrl: down.url });
    try {
      const message = await respond();
      const waiting = await until(() => delivery(message.id), (value) => value.attempts >= 2);
      expect(waiting).toMatchObject({ status: "queued" });
      expect(waiting.lastError).toMatch(/ECONNREFUSED|ECONNECTION|ESOCKET/);
      // The Outbox page shows when the next attempt is due, after the backoff.
      const [row] = (await (await agentCaller(agent.user.id)).outbox.list({ limit: 1 })).data;
      expect(row).toMatchObject({ messageId: message.id, status: "queued" });
      expect(Date.parse(row!.nextAttemptAt!)).toBeGreaterThan(Date.now());
      await down.start();
      const sent = await until(() => delivery(message.id), (value) => value.status === "sent");
      expect(sent).toMatchObject({ status: "sent", lastError: null });
      expect(sent.attempts).toBeGreaterThanOrEqual(3);
      await sleep(1500);
      expect(mailsFor(down, message.id)).toHaveLength(1);
    } finally {
      await work.stop();
      await down.stop();
    }
  });

  it("a sent mail's outcome survives the database refusing it for a moment: recorded, and never sent again", async () => {
    const smtp = createSmtp(await freePort());
    await smtp.start();
    const requester = `outage-${Date.now()}@customer.test`;
    // The first write of `sent` for this requester's mail fails as a database going down would (57P01); a sequence,
    // unlike a table, keeps its count when the failing transaction rolls back.
    await getDb().$executeRawUnsafe(`CREATE SEQUENCE IF NOT EXISTS outage_once`);
    await getDb().$executeRawUnsafe(`
      CREATE OR REPLACE FUNCTION outage_once() RETURNS trigger AS $$ BEGIN
        IF NEW.status = 'sent' AND NEW."to"::text LIKE '%${requester}%' AND nextval('outage_once') = 1 THEN
          RAISE EXCEPTION 'terminating connection due to administrator command' USING ERRCODE = '57P01';
        END IF;
        RETURN NEW;
      END $$ LANGUAGE plpgsql`);
    await getDb().$executeRawUnsafe(`CREATE TRIGGER outage_once BEFORE UPDATE ON "OutgoingEmail" FOR EACH ROW EXECUTE FUNCTION outage_once()`);
    const work = await bed.startWork({ smtpUrl: smtp.url });
    try {
      const message = await respond(requester);
      const sent = await until(() => delivery(message.id), (value) => value.status === "sent", 10_000);
      expect(sent).toMatchObject({ status: "sent", attempts: 1 });
      await sleep(1500);
      expect(mailsFor(smtp, message.id)).toHaveLength(1);
    } finally {
      await work.stop();
      await smtp.stop();
      await getDb().$executeRawUnsafe(`DROP TRIGGER outage_once ON "OutgoingEmail"`);
    }
  });

  it("gives up after the last attempt: status failed, with the last error, and the job failed too", async () => {
    const down = createSmtp(await freePort());
    const work = await bed.startWork({ smtpUrl: down.url, maxAttempts: 3 });
    try {
      const message = await respond();
      const final = await until(() => delivery(message.id), (value) => value.status === "failed");
      expect(final).toMatchObject({ status: "failed", attempts: 3 });
      expect(final.lastError).toMatch(/ECONNREFUSED|ECONNECTION|ESOCKET/);
      await sleep(3000);
      expect(await delivery(message.id)).toEqual(final);
    } finally {
      await work.stop();
    }
    expect(await jobStates()).toContainEqual({ state: "failed", count: 1 });
  });

  it("fails at once on a permanent refusal (550 no such mailbox)", async () => {
    const work = await bed.startWork();
    try {
      const message = await respond("bounce-me@customer.test");
      const final = await until(() => delivery(message.id), (value) => value.status === "failed");
      expect(final).toMatchObject({ status: "failed", attempts: 1 });
      expect(final.lastError).toContain("No such user here");
    } finally {
      await work.stop();
    }
  });
});

describe("restarts and several instances", () => {
  it("mail queued while no instance runs, an instance stopped mid-way and another started: every mail once", async () => {
    const slow = createSmtp(await freePort(), { acceptDelayMs: 150 });
    await slow.start();
    try {
      const messages = [];
      for (let index = 0; index < 16; index++) messages.push(await respond());
      expect(await delivery(messages[0]!.id)).toEqual({ status: "queued", attempts: 0, lastError: null });
      const first = await bed.startWork({ smtpUrl: slow.url });
      await until(async () => slow.received.length, (count) => count >= 3);
      await first.stop();
      const afterStop = slow.received.length;
      expect(afterStop).toBeLessThan(messages.length);
      // A graceful stop leaves nothing half-done: every email is either sent or still queued for the next instance.
      expect(await getDb().outgoingEmail.count({ where: { status: "sending" } })).toBe(0);
      await sleep(500);
      expect(slow.received.length).toBe(afterStop);

      const second = await bed.startWork({ smtpUrl: slow.url });
      await bed.drained();
      await second.stop();
      for (const message of messages) {
        expect(mailsFor(slow, message.id)).toHaveLength(1);
        expect(await delivery(message.id)).toEqual({ status: "sent", attempts: 1, lastError: null });
      }
    } finally {
      await slow.stop();
    }
  });

  it("two instances on one database deliver every mail exactly once", async () => {
    const messages = [];
    for (let index = 0; index < 12; index++) messages.push(await respond());
    const instances = await Promise.all([bed.startWork(), bed.startWork()]);
    try {
      await bed.drained();
    } finally {
      await Promise.all(instances.map((instance) => instance.stop()));
    }
    for (const message of messages) {
      expect(mailsFor(bed.smtp, message.id)).toHaveLength(1);
      expect(await delivery(message.id)).toEqual({ status: "sent", attempts: 1, lastError: null });
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
