// Runs the automations every intervalSeconds, once across instances (periodic.ts).
import type { Db } from "@helpdesk/db";
import { logger } from "@helpdesk/log";
import { runAutomations, type AutomationConfig } from "../automations/runner.ts";
import type { AttachmentStorage } from "../storage/index.ts";
import type { Boss } from "./boss.ts";
import { workPeriodically } from "./periodic.ts";
import { AUTOMATIONS_QUEUE } from "./queues.ts";

/** Starts working the automations; the returned function stops re-seeding the chain (the boss stops the rest). */
export function workAutomations(boss: Boss, db: Db, config: AutomationConfig, storage: AttachmentStorage): Promise<() => void> {
  return workPeriodically(boss, AUTOMATIONS_QUEUE, config.intervalSeconds, async () => {
    const { closed } = await runAutomations(db, config, storage);
    if (closed.length) logger.info({ closed: closed.length }, "automations: auto-closed resolved tickets");
  });
}
