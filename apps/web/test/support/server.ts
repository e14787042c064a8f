// The whole production server as a child process (scripts/serve.ts start: front door + Next.js build), on a
// database the test chooses. Tests at the HTTP edge run against this, never against a handler alone.
import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { freePort } from "@helpdesk/db/server";

const WEB_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const TEST_AUTH_SECRET = "server-test-secret-that-is-long-enough-0123456789";

export interface RunningServer {
  url: string;
  port: number;
  child: ChildProcess;
  /** Everything the process printed so far (JSON log lines included). */
  output(): string;
  /** SIGTERM, then waits for the exit code. */
  stop(): Promise<number | null>;
  /** SIGKILL: no goodbye. */
  kill(): Promise<void>;
}

export interface ServerOptions {
  databaseUrl: string;
  port?: number;
  env?: Record<string, string>;
}

export async function startServer({ databaseUrl, port, env = {} }: ServerOptions): Promise<RunningServer> {
  const chosenPort = port ?? (await freePort());
  const url = `http://127.0.0.1:${chosenPort}`;
  const childEnv: NodeJS.ProcessEnv = {
    NODE_ENV: "production",
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NEXT_TELEMETRY_DISABLED: "1",
      DATABASE_URL: databaseUrl,
      PORT: String(chosenPort),
      HOST: "127.0.0.1",
      NEXTAUTH_URL: url,
      AUTH_SECRET: TEST_AUTH_SECRET,
      HELPDESK_LOG_LEVEL: "warn",
      ...env,
  };
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/serve.ts", "start"], { cwd: WEB_DIR, env: childEnv, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout?.on("data", (chunk) => (output += chunk));
  child.stderr?.on("data", (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));

  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode} before it was ready:\n${output}`);
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`server not ready within 60 s:\n${output}`);
    }
    const ready = await fetch(`${url}/helpdesk/api/health?ready=1`).then((response) => response.ok, () => false);
    if (ready) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }

  return {
    url,
    port: chosenPort,
    child,
    output: () => output,
    async stop() {
      if (child.exitCode === null) child.kill("SIGTERM");
      return exited;
    },
    async kill() {
      if (child.exitCode === null) child.kill("SIGKILL");
      await exited;
    },
  };
}
