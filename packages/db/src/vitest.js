// The vitest settings of the packages whose tests run against PostgreSQL: one migrated database for the whole run
// (testing-global-setup.ts), its URL as every test file's DATABASE_URL (testing-env.ts), and the JSON report that CI
// sums, at ../../.test-results/<label>.json from the package. Plain JavaScript, typed by vitest.d.ts: vitest hands a
// config file's package imports to Node itself, which (v20) cannot load TypeScript.
import { fileURLToPath } from "node:url";

/** @param {string} label names the package: its report file, and its test database. */
export function databaseTestConfig(label) {
  return {
    test: {
      globalSetup: [fileURLToPath(new URL("./testing-global-setup.ts", import.meta.url))],
      setupFiles: [fileURLToPath(new URL("./testing-env.ts", import.meta.url))],
      provide: { databaseLabel: label },
      testTimeout: 30_000,
      hookTimeout: 60_000,
      reporters: ["default", "json"],
      outputFile: { json: `../../.test-results/${label}.json` },
    },
  };
}
