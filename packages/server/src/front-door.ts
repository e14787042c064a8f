// The production (and development) HTTP server: every request to the console, /api/trpc, /api/auth and
// /helpdesk/api passes the same guards here before Next.js or any handler of ours sees it (issue 9, CONTRACT §10).
import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { logger } from "@helpdesk/log";
import onHeaders from "on-headers";
import { CLIENT_ADDRESS_HEADER, NONCE_HEADER } from "@helpdesk/validators";
import { rawErrorAnswer, sendError, sendJson } from "./answer.ts";
import { BodyMemory, BodyTooLarge, bufferedRequest, checkDeclaredLength, hasBody, isUpload, ServerBusy, uploadLimit } from "./body-limit.ts";
import { clientAddressResolver } from "./client-address.ts";
import { ALLOWED_METHODS, decodedPath, refuseCrossSiteWrite, refuseMethod, type Refusal } from "./guards.ts";
import { contentSecurityPolicy, newNonce, securityHeaders, type SecurityOptions } from "./security-headers.ts";

const HEALTH_PATH = "/helpdesk/api/health";
const REQUEST_ID = /^[\w.:-]{1,100}$/;
const DEFAULT_BUFFERED_BODY_BYTES = 64 * 1024 * 1024;

export interface FrontDoorOptions {
  /** Next.js's request handler (or any handler in tests). */
  handle(req: IncomingMessage, res: ServerResponse): Promise<void>;
  /** NEXTAUTH_URL: the origin cookie-authenticated writes must come from; https turns HSTS on. */
  publicUrl: string;
  trustedProxies: readonly string[];
  maxUploadBytes: number;
  dev?: boolean;
  /** All request bodies held at once (64 MiB by default); past it, requests are answered 503. */
  maxBufferedBodyBytes?: number;
  /** Readiness: null when the database answers and every migration is applied, else why not. */
  ready(): Promise<string | null>;
}

export interface FrontDoor {
  server: Server;
  /** Stops accepting, lets in-flight requests finish (up to `graceMs`), then ends live streams. */
  shutdown(graceMs?: number): Promise<void>;
}

export function createFrontDoor(options: FrontDoorOptions): FrontDoor {
  const publicOrigin = new URL(options.publicUrl).origin;
  const security: SecurityOptions = { https: publicOrigin.startsWith("https:"), dev: options.dev ?? false };
  const addressOf = clientAddressResolver(options.trustedProxies);
  const inFlight = new Set<ServerResponse>();
  const bodyMemory = new BodyMemory(options.maxBufferedBodyBytes ?? DEFAULT_BUFFERED_BODY_BYTES);
  let draining = false;

  async function onRequest(req: IncomingMessage, res: ServerResponse) {
    const started = performance.now();
    const requestId = typeof req.headers["x-request-id"] === "string" && REQUEST_ID.test(req.headers["x-request-id"]) ? req.headers["x-request-id"] : randomUUID();
    const clientAddress = addressOf(req);
    // Set here and nowhere else: whatever a client sent under these names is replaced.
    req.headers["x-request-id"] = requestId;
    req.headers[CLIENT_ADDRESS_HEADER] = clientAddress;
    const nonce = newNonce();
    const csp = contentSecurityPolicy(nonce, security);
    req.headers[NONCE_HEADER] = nonce;
    req.headers["content-security-policy"] = csp;
    res.setHeader("x-request-id", requestId);
    // Added as the answer's headers go out, so that a route's own stricter header (a download's sandbox CSP) wins.
    const defaults = securityHeaders(csp, security);
    onHeaders(res, () => {
      for (const [name, value] of Object.entries(defaults)) if (!res.hasHeader(name)) res.setHeader(name, value);
    });
    if (draining) res.setHeader("connection", "close");
    inFlight.add(res);
    res.on("close", () => {
      inFlight.delete(res);
      const ms = Math.round(performance.now() - started);
      logger.info({ requestId, method: req.method, path: req.url?.split("?", 1)[0], status: res.statusCode, ms, clientAddress }, "request");
    });

    const method = req.method ?? "GET";
    const path = decodedPath(req.url ?? "/");
    const refusal: Refusal | null =
      refuseMethod(method) ??
      (path === null ? { code: "NOT_FOUND", message: "No such path." } : null) ??
      refuseCrossSiteWrite(req, publicOrigin);
    if (refusal || path === null) return sendError(res, refusal?.code ?? "NOT_FOUND", refusal?.message ?? "No such path.", refusal?.headers);
    if (path === HEALTH_PATH) return health(req, res);

    let forward = req;
    try {
      if (isUpload(method, path)) checkDeclaredLength(req, uploadLimit(options.maxUploadBytes));
      else if (hasBody(req)) {
        const buffered = await bufferedRequest(req, bodyMemory);
        res.on("close", buffered.release);
        forward = buffered.replay;
      }
    } catch (error) {
      if (error instanceof ServerBusy) return sendError(res, "SERVICE_UNAVAILABLE", error.message, { connection: "close", "retry-after": "1" });
      if (!(error instanceof BodyTooLarge)) throw error;
      return sendError(res, "PAYLOAD_TOO_LARGE", error.message, { connection: "close" });
    }
    await options.handle(forward, res);
  }

  async function health(req: IncomingMessage, res: ServerResponse) {
    if (req.method !== "GET" && req.method !== "HEAD") {
      return sendError(res, "METHOD_NOT_ALLOWED", `${req.method} is not allowed here.`, { allow: "GET, HEAD" });
    }
    const wantsReady = new URL(req.url ?? "/", "http://local").searchParams.get("ready") === "1";
    const reason = !wantsReady ? null : draining ? "The server is shutting down." : await options.ready().catch((error: Error) => error.message);
    if (reason) {
      logger.warn({ reason }, "not ready");
      return sendError(res, "SERVICE_UNAVAILABLE", reason, { "cache-control": "no-store" });
    }
    sendJson(res, 200, { status: "ok" }, { "cache-control": "no-store" });
  }

  const server = createServer((req, res) => {
    onRequest(req, res).catch((error: unknown) => {
      logger.error({ err: error, requestId: req.headers["x-request-id"] }, "front door failed");
      if (!res.headersSent) sendError(res, "INTERNAL_ERROR", `Something went wrong on our side (request ${req.headers["x-request-id"]}).`);
      else res.destroy();
    });
  });

  // What the HTTP parser itself cannot read (a made-up method, broken framing) never reaches onRequest.
  server.on("clientError", (error: NodeJS.ErrnoException, socket) => {
    // An answer already under way on this connection must not be cut into.
    const answering = (socket as { _httpMessage?: { headersSent?: boolean } })._httpMessage?.headersSent;
    if (!socket.writable || answering) return socket.destroy();
    socket.end(
      error.code === "HPE_INVALID_METHOD"
        ? rawErrorAnswer("METHOD_NOT_ALLOWED", "That method is not allowed.", { allow: ALLOWED_METHODS.join(", ") })
        : rawErrorAnswer("BAD_REQUEST", `The request could not be read (${error.code ?? "parse error"}).`),
    );
  });

  async function shutdown(graceMs = 10_000) {
    draining = true;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    const deadline = Date.now() + graceMs;
    // Live streams never end by themselves; everything else gets the grace period to finish.
    while ([...inFlight].some((res) => !isLiveStream(res)) && Date.now() < deadline) await sleep(25);
    server.closeAllConnections();
    await closed;
  }

  return { server, shutdown };
}

function isLiveStream(res: ServerResponse): boolean {
  return String(res.getHeader("content-type") ?? "").startsWith("text/event-stream");
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
