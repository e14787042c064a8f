// The webhook tests' receiver: a separate process (support/webhook-receiver.mjs) listening on 127.0.0.1, stopped and
// started again on the same port to play an endpoint that is down for a while.
import { type ChildProcess, spawn } from "node:child_process";
import { createHmac } from "node:crypto";
import { once } from "node:events";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";

const SCRIPT = fileURLToPath(new URL("./webhook-receiver.mjs", import.meta.url));

export interface Received {
  path: string;
  method: string;
  headers: Record<string, string>;
  body: string;
  at: number;
  /** What the receiver answered. */
  status: number;
}

export class Receiver {
  #process: ChildProcess | null = null;
  port = 0;

  /** Starts the process, on `port` when given (to come back where it was). */
  async start(port = this.port): Promise<this> {
    const child = spawn(process.execPath, [SCRIPT], { env: { ...process.env, PORT: String(port) }, stdio: ["ignore", "pipe", "inherit"] });
    this.#process = child;
    const [line] = (await once(createInterface({ input: child.stdout! }), "line")) as [string];
    this.port = (JSON.parse(line) as { port: number }).port;
    return this;
  }

  async stop(): Promise<void> {
    const child = this.#process;
    this.#process = null;
    if (!child || child.exitCode !== null) return;
    child.kill();
    await once(child, "exit");
  }

  url(path = "/hook"): string {
    return `http://127.0.0.1:${this.port}${path}`;
  }

  /** Every request it got, in arrival order; `accepted` only the ones it answered 2xx. */
  async received(): Promise<Received[]> {
    return (await fetch(this.url("/_received"))).json() as Promise<Received[]>;
  }

  async accepted(): Promise<Received[]> {
    return (await this.received()).filter((request) => request.status < 300);
  }

  async behave(behaviour: { status?: number; body?: string; location?: string | null; bodyBytes?: number; failWhenBodyIncludes?: string | null }): Promise<void> {
    await fetch(this.url("/_behave"), { method: "POST", body: JSON.stringify(behaviour) });
  }
}

/** What a receiver does (README "Webhooks"): recompute the signature over the raw body with the secret. */
export function signatureValid(received: Received, secret: string): boolean {
  const header = received.headers["helpdesk-signature"] ?? "";
  const { t, v1 } = Object.fromEntries(header.split(",").map((part) => part.split("=") as [string, string]));
  const expected = createHmac("sha256", secret).update(`${t}.${received.body}`).digest("hex");
  return v1 === expected && Math.abs(Date.now() / 1000 - Number(t)) < 300;
}

export const eventOf = (received: Received) => JSON.parse(received.body) as { id: string; type: string; createdAt: string; data: { id: string; ticketId?: string } };

/** Fast retries for tests: the same policy, in milliseconds. */
export const FAST_DELIVERY = { retryDelayMs: 100, retryDelayMaxMs: 400, passIntervalSeconds: 0.5 };
