import { createTestDatabase } from "@helpdesk/db/testing";
import type { TestProject } from "vitest/node";

// One migrated database for the run; every test makes its own users and tickets, so files can share it.
export default async function setup(project: TestProject) {
  const database = await createTestDatabase("api");
  project.provide("databaseUrl", database.url);
  return () => database.stop();
}

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
  }
}
