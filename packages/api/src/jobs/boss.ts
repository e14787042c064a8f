// The one place a pg-boss instance is made: its own small pool on the database URL, its own schema, every queue
// declared before anything sends to or works on it.
import { logger } from "@helpdesk/log";
import { PgBoss, type ConstructorOptions } from "pg-boss";
import { JOBS_SCHEMA, QUEUES, SUPERVISE_INTERVAL_SECONDS, settingsAppliedOnStart } from "./queues.ts";

export type Boss = PgBoss;

export async function startBoss(databaseUrl: string, options: Partial<ConstructorOptions> = {}): Promise<Boss> {
  const boss = new PgBoss({
    connectionString: databaseUrl,
    schema: JOBS_SCHEMA,
    max: 3,
    application_name: "helpdesk-jobs",
    // Lost heartbeats and expired jobs are found by the supervisor's pass, which the monitor interval also gates:
    // both far more often than pg-boss's minute, so that a dead process's jobs are retried soon (queues.ts).
    superviseIntervalSeconds: SUPERVISE_INTERVAL_SECONDS,
    monitorIntervalSeconds: SUPERVISE_INTERVAL_SECONDS,
    ...options,
  });
  // Without a listener pg-boss's errors (a lost connection, a failed maintenance pass) would crash the process.
  boss.on("error", (error) => logger.error({ err: error }, "background jobs"));
  await boss.start();
  try {
    for (const queue of QUEUES) {
      const { name, ...declared } = queue;
      // createQueue leaves an existing queue as it is (so every instance can declare them all); updateQueue brings
      // an existing one up to date.
      await boss.createQueue(name, declared);
      await boss.updateQueue(name, settingsAppliedOnStart(queue));
    }
  } catch (error) {
    await boss.stop({ graceful: false });
    throw error;
  }
  return boss;
}

export function oneLine(error: unknown): string {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  const text = [typeof code === "string" ? code : "", typeof message === "string" ? message : String(error)].filter(Boolean).join(": ");
  return text.replace(/\s+/g, " ").trim().slice(0, 500);
}
