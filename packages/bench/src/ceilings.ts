// Starts ceiling-server.ts in its own process and waits for its port.
import { fork } from "node:child_process";
import { fileURLToPath } from "node:url";
import { onCleanup } from "./cleanup.ts";
import { stopProcess } from "./server.ts";

export interface CeilingServer {
  baseUrl: string;
  stop(): Promise<void>;
}

export async function startCeilingServer(databaseUrl: string, authorId: string): Promise<CeilingServer> {
  const child = fork(fileURLToPath(new URL("./ceiling-server.ts", import.meta.url)), [], {
    env: { ...process.env, BENCH_DATABASE_URL: databaseUrl, BENCH_AUTHOR_ID: authorId },
    execArgv: ["--import", import.meta.resolve("tsx")],
  });
  const stop = () => stopProcess(child);
  onCleanup("the ceiling server", stop);
  const port = await new Promise<number>((resolve, reject) => {
    child.once("message", (message) => resolve((message as { port: number }).port));
    child.once("exit", (code) => reject(new Error(`the ceiling server exited (code ${code})`)));
  });
  return { baseUrl: `http://127.0.0.1:${port}`, stop };
}
