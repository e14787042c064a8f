// In production the API doors skip Next.js: the front door hands /helpdesk/api and /api/trpc straight to the same
// fetch handlers that the route files (app/helpdesk/api, app/api/trpc) serve through Next in development, where hot
// reloading matters more than the router's cost (issue 11: about a sixth of an API request's CPU).
import type { IncomingMessage, ServerResponse } from "node:http";
import { createTrpcHandler, TRPC_ENDPOINT } from "@helpdesk/api";
import { getDb } from "@helpdesk/db";
import { API_BASE_PATH, createRestHandler } from "@helpdesk/rest";
import { serveFetch } from "@helpdesk/server";

type Handler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

const under = (path: string, prefix: string) => path === prefix || path.startsWith(`${prefix}/`);

export function withApiDoors(next: Handler, origin: string): Handler {
  const rest = serveFetch(createRestHandler({ db: getDb }), origin);
  const trpc = serveFetch(createTrpcHandler({ db: getDb }), origin);
  return (req, res) => {
    const path = req.url?.split("?", 1)[0] ?? "/";
    if (under(path, API_BASE_PATH)) return rest(req, res);
    if (under(path, TRPC_ENDPOINT)) return trpc(req, res);
    return next(req, res);
  };
}
