import { defineConfig } from "@playwright/test";

const port = Number(process.env.E2E_PORT ?? 3100);
const baseURL = `http://127.0.0.1:${port}`;

export default defineConfig({
  testDir: "./e2e",
  fullyParallel: false,
  workers: 1,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  reporter: [["list"], ["json", { outputFile: "../../.test-results/web-e2e.json" }]],
  outputDir: "test-results",
  use: {
    baseURL,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    },
  },
  projects: [
    // The README's screenshots show the seeded demo data, so they are taken before any other spec changes it.
    { name: "screenshots", testMatch: /screenshots\.spec\.ts$/, use: { browserName: "chromium" } },
    { name: "chromium", testIgnore: /screenshots\.spec\.ts$/, dependencies: ["screenshots"], use: { browserName: "chromium" } },
  ],
  webServer: {
    // The production build on a fresh seeded database; `pnpm test` builds first (turbo: test depends on build).
    command: `tsx scripts/serve.ts e2e`,
    url: `${baseURL}/signin`,
    reuseExistingServer: false,
    timeout: 120_000,
    gracefulShutdown: { signal: "SIGTERM", timeout: 10_000 },
    env: {
      PORT: String(port),
      HOST: "127.0.0.1",
      NEXTAUTH_URL: baseURL,
      AUTH_SECRET: process.env.AUTH_SECRET ?? "e2e-secret-that-is-long-enough-0123456789",
      // The inbound SMTP door, on loopback: e2e/console-inbound.spec.ts mails the server as a customer would.
      HELPDESK_INBOUND_SMTP_PORT: String(port + 25),
      HELPDESK_INBOUND_SMTP_HOST: "127.0.0.1",
      // e2e/webhooks.spec.ts points a webhook at a receiver it starts on loopback, which the SSRF guard refuses otherwise.
      HELPDESK_WEBHOOKS_ALLOW_PRIVATE: "1",
      // The whole suite runs as three users within minutes, and each console page makes several calls: the default
      // 400 a minute would turn later specs into 429s. The budget itself is tested in packages/rest.
      HELPDESK_RATE_LIMIT_PER_MINUTE: "5000",
    },
  },
});
