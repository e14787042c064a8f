// Steady write load on a production server: `workers` loops each posting replies one after another until stopped,
// every answer recorded with when it was sent and how long it took (a hang shows as a long time or an error).
import { type Answer, call, replyBody } from "./client.ts";

export interface Shot {
  /** ms since the load started, when the request was sent. */
  sentAt: number;
  ms: number;
  /** 0: no answer (connection refused or cut, or the client's timeout). */
  status: number;
  code?: string;
  /** The created message's id, for a 201. */
  id?: string;
}

export interface Load {
  shots: Shot[];
  /** ms since the load started. */
  now(): number;
  stop(): Promise<Shot[]>;
}

export function startLoad(baseUrl: () => string, token: string, ticketId: string, { workers = 4, timeoutMs = 10_000 } = {}): Load {
  const started = performance.now();
  const now = () => performance.now() - started;
  const shots: Shot[] = [];
  let running = true;
  let n = 0;
  const loops = Array.from({ length: workers }, async () => {
    while (running) {
      const sentAt = now();
      const answer: Answer | null = await call(baseUrl(), token, "POST", "/messages", replyBody(ticketId, n++), timeoutMs).catch(() => null);
      shots.push({
        sentAt,
        ms: now() - sentAt,
        status: answer?.status ?? 0,
        code: answer?.body?.error?.code,
        id: answer?.status === 201 ? answer.body.id : undefined,
      });
      // A refused connection answers at once: do not spin.
      if (!answer) await new Promise((resolve) => setTimeout(resolve, 50));
    }
  });
  return {
    shots,
    now,
    async stop() {
      running = false;
      await Promise.all(loops);
      return shots;
    },
  };
}

/** How many answers of each status (and error code): for assertions and the run's figures. */
export function tally(shots: Shot[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const shot of shots) {
    const key = shot.code ? `${shot.status} ${shot.code}` : String(shot.status);
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}
