// The system under test: the console's production build, served by `apps/web/scripts/serve.ts start` (the same
// path as `pnpm start`) against the bench's own throwaway database, on loopback, with automations off.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { freePort } from "@helpdesk/db/server";
import { onCleanup } from "./cleanup.ts";

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
const webDir = path.join(repoRoot, "apps/web");

/** Per user and minute; the default (400) would turn the load into 429s within a second. */
export const BENCH_RATE_LIMIT_PER_MINUTE = "1000000000";

export interface BenchServer {
  baseUrl: string;
  /** The server's process (one process: tsx runs as a loader), for its memory in /proc. */
  pid: number;
  /** The last lines the server printed, for when something went wrong. */
  logTail(): string;
}

/** Builds the console when there is no production build yet. */
export async function ensureBuild(): Promise<void> {
  if (existsSync(path.join(webDir, ".next/BUILD_ID"))) return;
  console.log("No production build (apps/web/.next/BUILD_ID is missing): running `pnpm --filter @helpdesk/web build`…");
  const child = spawn("pnpm", ["--filter", "@helpdesk/web", "build"], { cwd: repoRoot, stdio: "inherit", detached: true });
  onCleanup("the build", () => stopProcess(child, { group: true }));
  const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
  if (code !== 0) throw new Error(`the production build failed (exit code ${code})`);
}

export async function startServer(databaseUrl: string): Promise<BenchServer> {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    DATABASE_URL: databaseUrl,
    PORT: String(port),
    HOST: "127.0.0.1",
    NEXTAUTH_URL: baseUrl,
    AUTH_SECRET: randomBytes(32).toString("base64url"),
    HELPDESK_AUTOMATIONS: "off",
    HELPDESK_RATE_LIMIT_PER_MINUTE: BENCH_RATE_LIMIT_PER_MINUTE,
  };
  // Only the bench's own user (no configured admin), and no mail worker polling the outbox beside the load.
  for (const name of ["HELPDESK_ADMIN_EMAIL", "HELPDESK_ADMIN_PASSWORD", "NEXTAUTH_SECRET", "SMTP_URL"]) delete env[name];

  // One process (tsx as a loader, not its CLI's child process), so that HELPDESK_BENCH_PROFILE_DIR's --cpu-prof
  // profiles the server itself; written when it exits.
  const profileDir = process.env.HELPDESK_BENCH_PROFILE_DIR;
  const profile = profileDir ? ["--cpu-prof", `--cpu-prof-dir=${path.resolve(profileDir)}`] : [];
  // Its own process group, so that stopping it stops everything it started.
  const child = spawn(process.execPath, [...profile, "--import", "tsx", "scripts/serve.ts", "start"], {
    cwd: webDir, env, detached: true, stdio: ["ignore", "pipe", "pipe"],
  });
  onCleanup("the bench server", () => stopProcess(child, { group: true }));
  const lines: string[] = [];
  const keep = (chunk: Buffer) => {
    lines.push(...chunk.toString().split("\n").filter(Boolean));
    lines.splice(0, Math.max(0, lines.length - 40));
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  if (child.pid === undefined) throw new Error("the server could not be started");
  const server = { baseUrl, pid: child.pid, logTail: () => lines.join("\n") };
  await waitUntilServing(server, child);
  return server;
}

async function waitUntilServing(server: BenchServer, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`the server exited during start-up:\n${server.logTail()}`);
    }
    try {
      // Any HTTP answer (401 without a token) means Next.js is serving the REST route.
      await fetch(`${server.baseUrl}/helpdesk/api/users/me`);
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  throw new Error(`the server did not answer within 120 s:\n${server.logTail()}`);
}

/** SIGTERM, then SIGKILL after 5 s; `group`: to the child's whole process group (a detached child leads one). */
export async function stopProcess(child: ChildProcess, { group = false } = {}): Promise<void> {
  const pid = child.pid;
  if (pid === undefined) return;
  const send = (signal: NodeJS.Signals) => {
    try {
      process.kill(group ? -pid : pid, signal);
    } catch {
      // Already gone.
    }
  };
  const running = child.exitCode === null && child.signalCode === null;
  const exited = running ? new Promise<void>((resolve) => child.once("exit", () => resolve())) : Promise.resolve();
  send("SIGTERM");
  const timer = setTimeout(() => send("SIGKILL"), 5_000);
  await exited;
  clearTimeout(timer);
  // Whatever the group's leader left behind.
  if (group) send("SIGKILL");
}
