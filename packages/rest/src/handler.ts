import { randomUUID } from "node:crypto";
import {
  AppError, budgetKey, createBudgetedContext, createCaller, describeError, isDatabaseUnavailable,
  sessionRequired, spendRequestBudget,
} from "@helpdesk/api";
import type { Db } from "@helpdesk/db";
import { logger } from "@helpdesk/log";
import { ERROR_CODES, serverConfig, type TErrorCode } from "@helpdesk/validators";
import { TRPCError } from "@trpc/server";
import {
  API_BASE_PATH, errorResponse, fileResponse, HttpError, json, queryObject, readJsonObject, uploadInput, type DownloadableFile,
} from "./http.ts";
import { findRoute } from "./routes.ts";

export { API_BASE_PATH };

export interface RestOptions {
  db: () => Db;
  /** Requests a minute per user (per client address when signed out), shared with tRPC; HELPDESK_RATE_LIMIT_PER_MINUTE by default. */
  requestsPerMinute?: number;
}

/** A fetch-style handler for everything under /helpdesk/api: Next.js route handlers and plain Node servers alike. */
export function createRestHandler(options: RestOptions) {
  // Each REST request spends one unit of the budget tRPC spends from too.
  const perMinute = options.requestsPerMinute ?? serverConfig().HELPDESK_RATE_LIMIT_PER_MINUTE;
  return async function handle(request: Request): Promise<Response> {
    const requestId = request.headers.get("x-request-id")?.slice(0, 100) || randomUUID();
    const response = await answer(request, options, perMinute, requestId);
    response.headers.set("x-request-id", requestId);
    return response;
  };
}

/** One unit of the signed-out caller's budget: the client address's. */
const spendAsAddress = (db: Db, headers: Headers, perMinute: number) => spendRequestBudget(db, budgetKey(null, headers), 1, perMinute);

async function answer(request: Request, options: RestOptions, perMinute: number, requestId: string): Promise<Response> {
  let rateHeaders: Record<string, string> = {};
  try {
    const url = new URL(request.url);
    const path = url.pathname.startsWith(API_BASE_PATH) ? url.pathname.slice(API_BASE_PATH.length) || "/" : url.pathname;
    const match = findRoute(request.method, path);
    if (!match) throw new HttpError("NOT_FOUND", `No route ${request.method} ${API_BASE_PATH}${path}.`);
    if ("allowed" in match) {
      throw new HttpError("METHOD_NOT_ALLOWED", `${request.method} is not allowed here.`, undefined, {
        allow: match.allowed.join(", "),
      });
    }
    const db = options.db();
    // A public route (the API document) reads no token: a stale one must not hide the docs, and it costs no query.
    const { ctx, budget } = match.route.public
      ? { ctx: { db, user: null, headers: request.headers, source: "api" as const }, budget: await spendAsAddress(db, request.headers, perMinute) }
      : await createBudgetedContext({ db, headers: request.headers, source: "api" }, 1, perMinute);
    rateHeaders = budget.headers;
    if (budget.refusal) throw budget.refusal;
    // A signed-out caller learns that first, before we read (or judge) a body it has no right to send.
    if (match.route.role && !ctx.user) throw sessionRequired();
    const body = match.route.upload ? uploadInput(request) : match.route.body ? await readJsonObject(request) : {};
    const input: Record<string, unknown> = { ...(request.method === "GET" ? queryObject(url) : body), ...match.params };
    for (const [header, field] of Object.entries(match.route.headers ?? {})) {
      // Only the header may set these fields, never the body.
      const value = request.headers.get(header);
      if (value === null) delete input[field];
      else input[field] = value;
    }
    const result = await match.route.call(createCaller(ctx), input);
    if (match.route.download) return await fileResponse(result as DownloadableFile, rateHeaders);
    const status = match.route.status ?? 200;
    const headers = { ...rateHeaders };
    if (match.route.location && result) headers.location = API_BASE_PATH + match.route.location(result as { id: string });
    return json(status, result, headers);
  } catch (error) {
    // A failure before the user is known (unknown route, database away) spends the caller's address budget.
    if (Object.keys(rateHeaders).length === 0) {
      rateHeaders = (await spendAsAddress(options.db(), request.headers, perMinute).catch(() => null))?.headers ?? {};
    }
    return toErrorResponse(error, requestId, rateHeaders);
  }
}

function toErrorResponse(error: unknown, requestId: string, headers: Record<string, string>): Response {
  if (error instanceof HttpError) return errorResponse(error.code, error.message, error.details, { ...headers, ...error.headers });
  // Raised outside a procedure, e.g. the request budget or while opening a download's stored file.
  if (error instanceof AppError) return errorResponse(error.code, error.message, error.details, withRetryAfter(headers, error.details));
  if (error instanceof TRPCError) {
    const { code, message, details } = describeError(error);
    if (code in ERROR_CODES && code !== "INTERNAL_ERROR") return errorResponse(code as TErrorCode, message, details, withRetryAfter(headers, details));
  }
  if (isDatabaseUnavailable(error)) return errorResponse("SERVICE_UNAVAILABLE", "The database is unreachable; nothing was changed.", undefined, headers);
  logger.error({ err: error, requestId }, "unhandled error");
  return errorResponse("INTERNAL_ERROR", `Something went wrong on our side (request ${requestId}).`, undefined, headers);
}

/** A refusal that says when to come back (the request budget, sign-in attempts) answers with Retry-After. */
function withRetryAfter(headers: Record<string, string>, details: Record<string, unknown> | undefined): Record<string, string> {
  const seconds = details?.retryAfterSeconds;
  return typeof seconds === "number" ? { ...headers, "retry-after": String(seconds) } : headers;
}
