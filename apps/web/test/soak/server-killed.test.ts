// The server SIGKILLed mid-load and started again on the same database (issue 9 item 5): every acknowledged (201)
// message is there, and every mail that was queued (the one in the middle of being sent included) is delivered
// exactly once by the new process. The jobs the killed process had claimed come back through pg-boss's heartbeat
// (queues.ts): noticed some 15-25 s after the kill, retried after the mail queue's first backoff (30-60 s), so this
// takes minutes and stays in the soak run.
import { createTestDatabase, type TestDatabase } from "@helpdesk/db/testing";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createTicket, eventually, sleep } from "../support/client.ts";
import { startLoad, tally } from "../support/load.ts";
import { createSmtp, mailEnv, type TestSmtp } from "../support/mail.ts";
import { type RunningServer, startServer } from "../support/server.ts";
import { createUser, dbFor, signIn } from "../support/users.ts";

let database: TestDatabase;
let smtp: TestSmtp;
let server: RunningServer;
let env: Record<string, string>;
const db = () => dbFor(database.url);

beforeAll(async () => {
  database = await createTestDatabase("server-killed");
  // A slow mail server: the queue is still busy (a batch of mails in progress) when the process is killed.
  smtp = await createSmtp({ envelopeDelayMs: 150 });
  await smtp.start();
  env = { ...mailEnv(smtp), HELPDESK_RATE_LIMIT_PER_MINUTE: "1000000" };
  server = await startServer({ databaseUrl: database.url, env });
});
afterAll(async () => {
  await server?.stop();
  await smtp?.stop();
  await db().$disconnect();
  await database?.stop();
});

it("a SIGKILL mid-load loses no acknowledged message, and the next process sends every queued mail once", async () => {
  const token = await signIn(server.url, (await createUser(database.url, "agent")).email);
  const ticketId = await createTicket(server.url, token);
  const load = startLoad(() => server.url, token, ticketId, { workers: 3 });
  // Mid-batch (the worker takes 5 at a time), not at the boundary after the first one.
  await eventually("mail being sent when the process dies", async () => smtp.messageIds.length >= 7, 30_000);
  await server.kill();
  const killedAt = load.now();
  const sentBeforeKill = smtp.messageIds.length;
  // Jobs the dead process had claimed: nobody will complete them, the queue must notice and hand them out again.
  const { claimed } = (await db().$queryRawUnsafe<{ claimed: number }[]>(`SELECT count(*)::int AS claimed FROM pgboss.job WHERE state = 'active'`))[0]!;
  expect(claimed).toBeGreaterThan(0);
  await sleep(1_000);
  server = await startServer({ databaseUrl: database.url, env });
  await sleep(2_000);
  const shots = await load.stop();

  const acknowledged = shots.flatMap((shot) => (shot.id ? [shot.id] : []));
  expect(acknowledged.length).toBeGreaterThan(20);
  expect(shots.filter((shot) => shot.sentAt > killedAt && shot.status === 201).length).toBeGreaterThan(0);
  // Only refused or cut connections while no process listened; never an error answer.
  expect(shots.filter((shot) => shot.status !== 201 && shot.status !== 0)).toEqual([]);
  expect(await db().message.count({ where: { id: { in: acknowledged } } })).toBe(acknowledged.length);

  // Every queued mail: the acknowledged messages' and any whose 201 the kill cut off.
  const emails = await db().outgoingEmail.findMany({ where: { ticketId }, select: { messageId: true } });
  expect(emails.length).toBeGreaterThanOrEqual(acknowledged.length);
  await eventually("every queued mail sent", async () => (await db().outgoingEmail.count({ where: { ticketId, status: { not: "sent" } } })) === 0, 150_000);
  for (const { messageId } of emails) expect(smtp.countOf(messageId), messageId).toBe(1);
  console.log(
    `server killed: ${shots.length} requests ${JSON.stringify(tally(shots))}; ${acknowledged.length} acknowledged, 0 lost; ` +
      `${emails.length} mails queued, ${sentBeforeKill} sent before the kill, ${claimed} claimed by the killed process, each delivered once`,
  );
}, 240_000);
