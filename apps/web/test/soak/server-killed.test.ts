// The server SIGKILLed mid-load and started again on the same database (issue 9 item 5): every acknowledged (201)
// message is there, and every mail that was queued (the one in the middle of being sent included) is delivered
// exactly once by the new process. The jobs the killed process had claimed come back through pg-boss's heartbeat
// (queues.ts): noticed some 15-25 s after the kill, retried after the mail queue's first backoff (30-60 s), so this
// takes minutes and stays in the soak run.
import { expect, it } from "vitest";
import { createTicket, eventually, sleep } from "../support/client.ts";
import { startLoad, tally } from "../support/load.ts";
import { mailingServerFixture } from "../support/mailing-server.ts";
import { createUser, signIn } from "../support/users.ts";

// A slow mail server: a batch of mails is still being sent when the server goes.
const fixture = mailingServerFixture("server-killed", 150);

it("a SIGKILL mid-load loses no acknowledged message, and the next process sends every queued mail once", async () => {
  const token = await signIn(fixture.server.url, (await createUser(fixture.database.url, "agent")).email);
  const ticketId = await createTicket(fixture.server.url, token);
  const load = startLoad(() => fixture.server.url, token, ticketId, { workers: 3 });
  // Mid-batch (the worker takes 5 at a time), not at the boundary after the first one.
  await eventually("mail being sent when the process dies", async () => fixture.smtp.messageIds.length >= 7, 30_000);
  await fixture.server.kill();
  const killedAt = load.now();
  const sentBeforeKill = fixture.smtp.messageIds.length;
  // Jobs the dead process had claimed: nobody will complete them, the queue must notice and hand them out again.
  const { claimed } = (await fixture.db().$queryRawUnsafe<{ claimed: number }[]>(`SELECT count(*)::int AS claimed FROM pgboss.job WHERE state = 'active'`))[0]!;
  expect(claimed).toBeGreaterThan(0);
  await sleep(1_000);
  await fixture.restart();
  await sleep(2_000);
  const shots = await load.stop();

  const acknowledged = shots.flatMap((shot) => (shot.id ? [shot.id] : []));
  expect(acknowledged.length).toBeGreaterThan(20);
  expect(shots.filter((shot) => shot.sentAt > killedAt && shot.status === 201).length).toBeGreaterThan(0);
  // Only refused or cut connections while no process listened; never an error answer.
  expect(shots.filter((shot) => shot.status !== 201 && shot.status !== 0)).toEqual([]);
  expect(await fixture.db().message.count({ where: { id: { in: acknowledged } } })).toBe(acknowledged.length);

  // Every queued mail: the acknowledged messages' and any whose 201 the kill cut off.
  const emails = await fixture.db().outgoingEmail.findMany({ where: { ticketId }, select: { messageId: true } });
  expect(emails.length).toBeGreaterThanOrEqual(acknowledged.length);
  await eventually("every queued mail sent", async () => (await fixture.db().outgoingEmail.count({ where: { ticketId, status: { not: "sent" } } })) === 0, 150_000);
  for (const { messageId } of emails) expect(fixture.smtp.countOf(messageId), messageId).toBe(1);
  console.log(
    `server killed: ${shots.length} requests ${JSON.stringify(tally(shots))}; ${acknowledged.length} acknowledged, 0 lost; ` +
      `${emails.length} mails queued, ${sentBeforeKill} sent before the kill, ${claimed} claimed by the killed process, each delivered once`,
  );
}, 240_000);
