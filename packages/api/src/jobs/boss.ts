// The one place a pg-boss instance is made: its own small pool on the database URL, its own schema, every queue
// declared before anything sends to or works on it.
import { logger } from "@helpdesk/log";
import { PgBoss, type ConstructorOptions } from "pg-boss";
import { JOBS_SCHEMA, QUEUES } from "./queues.ts";

export type Boss = PgBoss;

export async function startBoss(databaseUrl: string, options: Partial<ConstructorOptions> = {}): Promise<Boss> {
  const boss = new PgBoss({ connectionString: databaseUrl, schema: JOBS_SCHEMA, max: 3, application_name: "helpdesk-jobs", ...options });
  // Without a listener pg-boss's errors (a lost connection, a failed maintenance pass) would crash the process.
  boss.on("error", (error) => logger.error({ err: error }, "background jobs"));
  await boss.start();
  try {
    // createQueue leaves an existing queue as it is, so every instance can declare them all.
    for (const { name, ...options } of QUEUES) await boss.createQueue(name, options);
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
