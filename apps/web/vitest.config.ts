import { databaseTestConfig } from "@helpdesk/db/vitest";
import { configDefaults, defineConfig, mergeConfig } from "vitest/config";

// Whole-server tests: each file starts the production build (scripts/serve.ts start) as a child process. The
// minutes-long fault runs under test/soak/ are `pnpm test:soak` (vitest.soak.config.ts).
export default mergeConfig(
  defineConfig(databaseTestConfig("web-server")),
  defineConfig({ test: { include: ["test/**/*.test.ts"], exclude: [...configDefaults.exclude, "test/soak/**"], testTimeout: 120_000, hookTimeout: 120_000, fileParallelism: false } }),
);
