import { RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";

export const API_REQUESTS_PER_MINUTE = Number(process.env.HELPDESK_RATE_LIMIT_PER_MINUTE ?? 400);

export interface RateLimitState {
  allowed: boolean;
  headers: Record<string, string>;
}

export type RequestBudget = (key: string) => Promise<RateLimitState>;

/** Per server instance: a per-user budget of requests a minute that needs no database round trip. */
export function requestBudget(perMinute = API_REQUESTS_PER_MINUTE): RequestBudget {
  const limiter = new RateLimiterMemory({ points: perMinute, duration: 60 });
  return (key) => consume(limiter, perMinute, key);
}

async function consume(limiter: RateLimiterMemory, perMinute: number, key: string): Promise<RateLimitState> {
  let state: RateLimiterRes;
  let allowed = true;
  try {
    state = await limiter.consume(key);
  } catch (rejection) {
    if (!(rejection instanceof RateLimiterRes)) throw rejection;
    state = rejection;
    allowed = false;
  }
  const resetSeconds = Math.ceil(state.msBeforeNext / 1000);
  const headers: Record<string, string> = {
    "x-ratelimit-limit": String(perMinute),
    "x-ratelimit-remaining": String(Math.max(state.remainingPoints, 0)),
    "x-ratelimit-reset": String(Math.ceil((Date.now() + state.msBeforeNext) / 1000)),
  };
  if (!allowed) headers["retry-after"] = String(Math.max(resetSeconds, 1));
  return { allowed, headers };
}
