// One migrated database for the run; every test makes its own users and tickets, so files can share it.
import type { TestProject } from "vitest/node";
import { createTestDatabase } from "./testing.ts";

export default async function setup(project: TestProject) {
  const database = await createTestDatabase(project.getProvidedContext().databaseLabel);
  project.provide("databaseUrl", database.url);
  return () => database.stop();
}
