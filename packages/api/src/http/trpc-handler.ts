// The console's door: tRPC over HTTP (batched queries and mutations, subscriptions over server-sent events), with
// the limits every door shares (CONTRACT §4): the request budget, the batch size and the live-stream cap.
import type { Db } from "@helpdesk/db";
import { logger } from "@helpdesk/log";
import { MAX_BATCH_CALLS, serverConfig } from "@helpdesk/validators";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { createBudgetedContext } from "../context.ts";
import { AppError, isDatabaseUnavailable, toTRPCError } from "../errors.ts";
import { LiveStreamSlots } from "../limits/live-streams.ts";
import { appRouter } from "../root.ts";

export const TRPC_ENDPOINT = "/api/trpc";

export interface TrpcHandlerOptions {
  db: () => Db;
  /** Requests a minute per user (per client address when signed out); HELPDESK_RATE_LIMIT_PER_MINUTE by default. */
  requestsPerMinute?: number;
}

/** A fetch-style handler for everything under /api/trpc. */
export function createTrpcHandler(options: TrpcHandlerOptions) {
  const perMinute = options.requestsPerMinute ?? serverConfig().HELPDESK_RATE_LIMIT_PER_MINUTE;
  const liveStreams = new LiveStreamSlots();
  return async function handle(request: Request): Promise<Response> {
    // Set while the context is made; tRPC answers a refused subscription as a stream carrying the error, with
    // whatever status responseMeta gives, so the refusal has to be remembered here to make that status 429.
    let refusal: AppError | undefined;
    let releaseStream: (() => void) | undefined;
    const response = await fetchRequestHandler({
      endpoint: TRPC_ENDPOINT,
      req: request,
      router: appRouter,
      // Refused (400) before the context is made or any call runs.
      maxBatchSize: MAX_BATCH_CALLS,
      async createContext({ info, resHeaders }) {
        // Each call of a batch spends one unit, in the same round trip that re-reads the session's user.
        const { ctx, budget } = await createBudgetedContext({ db: options.db(), headers: request.headers, source: "console" }, info.calls.length, perMinute);
        for (const [name, value] of Object.entries(budget.headers)) resHeaders.set(name, value);
        refusal = budget.refusal;
        if (!refusal && info.type === "subscription" && ctx.user) {
          const slot = liveStreams.take(ctx.user.id);
          if ("refusal" in slot) refusal = slot.refusal;
          else {
            releaseStream = slot.release;
            // A client gone before its stream started never reads or cancels the body: its slot is freed here.
            request.signal.addEventListener("abort", slot.release, { once: true });
            if (request.signal.aborted) slot.release();
          }
        }
        if (refusal) throw toTRPCError(refusal);
        return ctx;
      },
      onError({ error, path }) {
        if (error.code === "INTERNAL_SERVER_ERROR" && !isDatabaseUnavailable(error)) {
          logger.error({ err: error.cause ?? error, requestId: request.headers.get("x-request-id"), procedure: path }, "unhandled error");
        }
      },
      responseMeta({ errors }) {
        const retryAfter = [refusal, ...errors.map((error) => error.cause)].map(retryAfterSeconds).find((seconds) => seconds !== undefined);
        return {
          status: refusal ? refusal.status : undefined,
          headers: new Headers(retryAfter === undefined ? {} : { "retry-after": String(retryAfter) }),
        };
      },
    });
    return releaseStream ? releasedWhenClosed(response, releaseStream) : response;
  };
}

function retryAfterSeconds(cause: unknown): number | undefined {
  const seconds = cause instanceof AppError ? cause.details?.retryAfterSeconds : undefined;
  return typeof seconds === "number" ? seconds : undefined;
}

/** The same response, calling `release` once its body ends or its reader goes away (the client closed the stream). */
function releasedWhenClosed(response: Response, release: () => void): Response {
  if (!response.body) {
    release();
    return response;
  }
  const reader = response.body.getReader();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const chunk = await reader.read();
        if (!chunk.done) return controller.enqueue(chunk.value);
        release();
        controller.close();
      } catch (error) {
        release();
        controller.error(error);
      }
    },
    cancel(reason) {
      release();
      return reader.cancel(reason);
    },
  });
  return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
}
