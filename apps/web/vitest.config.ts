import { databaseTestConfig } from "@helpdesk/db/vitest";
import { defineConfig, mergeConfig } from "vitest/config";

// Whole-server tests: each file starts the production build (scripts/serve.ts start) as a child process.
export default mergeConfig(
  defineConfig(databaseTestConfig("web-server")),
  defineConfig({ test: { include: ["test/**/*.test.ts"], testTimeout: 120_000, hookTimeout: 120_000, fileParallelism: false } }),
);
