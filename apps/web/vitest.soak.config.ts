import { databaseTestConfig } from "@helpdesk/db/vitest";
import { defineConfig, mergeConfig } from "vitest/config";

// `pnpm test:soak`: fault injections against the production build that take minutes (a killed server's mail
// waiting for its lost worker to be noticed, long loads). Not part of `pnpm test`; its JSON report goes beside the
// other local state, not into .test-results/ where CI sums the regular runs.
export default mergeConfig(
  defineConfig(databaseTestConfig("web-soak")),
  defineConfig({
    test: {
      include: ["test/soak/**/*.test.ts"],
      testTimeout: 600_000,
      hookTimeout: 120_000,
      fileParallelism: false,
      outputFile: { json: "../../.data/soak-results/web-soak.json" },
    },
  }),
);
