// CONTRACT section 1: a bad or missing required variable stops start-up with one clear line naming it.
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { expect, test } from "@playwright/test";

const tsx = createRequire(import.meta.url).resolve("tsx/cli");

function start(env: Record<string, string>) {
  const { AUTH_SECRET: _a, NEXTAUTH_SECRET: _n, DATABASE_URL: _d, PORT: _p, ...inherited } = process.env;
  const run = spawnSync(process.execPath, [tsx, "scripts/serve.ts", "start"], { env: { ...inherited, ...env }, encoding: "utf8", timeout: 60_000 });
  return { status: run.status, errorLines: run.stderr.trim().split("\n").filter(Boolean) };
}

const secret = { AUTH_SECRET: "a-production-secret-that-is-long-enough-0123" };

test("production start without AUTH_SECRET stops with one line naming it", () => {
  const run = start({});
  expect(run.status).toBe(1);
  expect(run.errorLines).toEqual(["Configuration error: AUTH_SECRET (or NEXTAUTH_SECRET) is required in production"]);
});

test("a malformed variable stops start-up with one line naming it", () => {
  for (const [name, value] of [["PORT", "eighty"], ["DATABASE_URL", "mysql://nope"], ["HELPDESK_MAX_UPLOAD_BYTES", "-5"], ["SMTP_URL", "http://mail"],
    ["HELPDESK_TRUSTED_PROXIES", "dead:beef:::"], ["HELPDESK_TRUSTED_PROXIES", "proxy.example"], ["HELPDESK_AUTO_CLOSE_AFTER_HOURS", "-1"],
    ["HELPDESK_RATE_LIMIT_PER_MINUTE", "0"], ["HELPDESK_LOG_LEVEL", "loud"]]) {
    const run = start({ ...secret, [name as string]: value as string });
    expect(run.status, name).toBe(1);
    expect(run.errorLines, name).toHaveLength(1);
    expect(run.errorLines[0], name).toMatch(new RegExp(`^Configuration error: ${name}: `));
  }
});
