// Graceful shutdown (issue 9 item 8, proven as a fault in item 5): SIGTERM while requests are in flight and mail is
// being sent. The requests finish with 2xx, the process exits 0, no job is left claimed by the dead process, and
// the next process delivers every queued mail exactly once.
import { request as httpRequest } from "node:http";
import { expect, it } from "vitest";
import { call, createTicket, eventually, replyBody, sleep } from "./support/client.ts";
import { mailingServerFixture } from "./support/mailing-server.ts";
import { createUser, signIn } from "./support/users.ts";

const MAILS = 20;

// A slow mail server: a batch of mails is still being sent when the server goes.
const fixture = mailingServerFixture("graceful-shutdown", 200);

/** A POST whose body arrives in two halves `pauseMs` apart: the request is in flight across the pause. */
function slowPost(path: string, token: string, body: string, pauseMs: number, duringPause: () => void) {
  return new Promise<{ status: number; body: any }>((resolve, reject) => {
    const bytes = Buffer.from(body);
    const req = httpRequest(`${fixture.server.url}${path}`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json", "content-length": String(bytes.length) },
    });
    req.on("response", (res) => {
      let text = "";
      res.on("data", (chunk) => (text += chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) }));
    });
    req.on("error", reject);
    req.write(bytes.subarray(0, 10));
    duringPause();
    setTimeout(() => req.end(bytes.subarray(10)), pauseMs);
  });
}

it("SIGTERM lets in-flight requests finish, exits 0 and hands running mail jobs back for the next process", async () => {
  const token = await signIn(fixture.server.url, (await createUser(fixture.database.url, "agent")).email);
  const ticketId = await createTicket(fixture.server.url, token);
  for (let n = 0; n < MAILS; n++) expect((await call(fixture.server.url, token, "POST", "/messages", replyBody(ticketId, n))).status).toBe(201);
  await eventually("a mail being sent", async () => fixture.smtp.messageIds.length >= 1, 20_000);

  let exited: Promise<number | null> | undefined;
  const inFlight = await Promise.all(
    // SIGTERM once all three are connected and half-sent.
    [0, 1, 2].map((n) =>
      slowPost("/helpdesk/api/messages", token, JSON.stringify(replyBody(ticketId, 100 + n)), 1_500, () => {
        if (n === 2) setTimeout(() => (exited = fixture.server.stop()), 300);
      }),
    ),
  ).catch((error: Error) => {
    throw new Error(`${error.message}; server output:\n${fixture.server.output().slice(-4000)}`);
  });
  expect(inFlight.map((answer) => answer.status)).toEqual([201, 201, 201]);
  expect(await exited).toBe(0);

  // Nothing is left claimed by the process that is gone: what it did not finish is back in the queue.
  const claimed = await fixture.db().$queryRawUnsafe<{ count: number }[]>(`SELECT count(*)::int AS count FROM pgboss.job WHERE state = 'active'`);
  expect(claimed[0]!.count).toBe(0);
  const sentBeforeStop = fixture.smtp.messageIds.length;
  const emails = await fixture.db().outgoingEmail.findMany({ where: { ticketId }, select: { messageId: true, status: true } });
  expect(emails).toHaveLength(MAILS + inFlight.length);
  expect(emails.filter((email) => email.status === "sending")).toEqual([]);

  await fixture.restart();
  await eventually("every mail sent", async () => (await fixture.db().outgoingEmail.count({ where: { ticketId, status: { not: "sent" } } })) === 0, 60_000);
  await sleep(500);
  for (const { messageId } of emails) expect(fixture.smtp.countOf(messageId), messageId).toBe(1);
  console.log(`graceful shutdown: ${inFlight.length} in-flight requests answered 201, exit 0, ${sentBeforeStop} of ${emails.length} mails sent before the stop, the rest once by the next process`);
}, 120_000);
