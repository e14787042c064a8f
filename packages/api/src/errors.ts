import { ERROR_CODES, type TErrorCode } from "@helpdesk/validators";
import { TRPCError } from "@trpc/server";
import type { TRPC_ERROR_CODE_KEY } from "@trpc/server/rpc";

/** A failure a client can act on: one of the contract's error codes, a sentence, and optional details. */
export class AppError extends Error {
  constructor(
    readonly code: TErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = "AppError";
  }

  get status(): number {
    return ERROR_CODES[this.code];
  }
}

const TRPC_CODE_BY_STATUS: Record<number, TRPC_ERROR_CODE_KEY> = {
  400: "BAD_REQUEST",
  401: "UNAUTHORIZED",
  403: "FORBIDDEN",
  404: "NOT_FOUND",
  405: "METHOD_NOT_SUPPORTED",
  409: "CONFLICT",
  413: "PAYLOAD_TOO_LARGE",
  415: "UNSUPPORTED_MEDIA_TYPE",
  422: "UNPROCESSABLE_CONTENT",
  429: "TOO_MANY_REQUESTS",
  503: "SERVICE_UNAVAILABLE",
};

export function toTRPCError(error: AppError): TRPCError {
  return new TRPCError({ code: TRPC_CODE_BY_STATUS[error.status] ?? "INTERNAL_SERVER_ERROR", message: error.message, cause: error });
}

export const sessionRequired = () => new AppError("UNAUTHORIZED", "A valid session token is required.");

export const notFound = (what: string, id: string) => new AppError("NOT_FOUND", `${what} ${id} was not found.`);

// The ways pg and Prisma say the server is gone: network errors, lost or unusable connections (raw queries report
// them in words, not codes), SQLSTATE class 08 (connection exception) and 57P01–57P03 (PostgreSQL shutting down,
// crashed or still starting up).
const UNREACHABLE_HINTS = [
  "ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "DatabaseNotReachable", "P1001", "P1017", "Connection terminated",
  "Can't reach database server", "Server has closed the connection", "is not queryable",
  "08000", "08001", "08003", "08004", "08006", "57P01", "57P02", "57P03",
];

/** True when an error (or one of its causes) says the database could not be reached. */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let current = error, depth = 0; current && depth < 6; depth++) {
    const text = `${(current as { code?: unknown }).code ?? ""} ${(current as { message?: unknown }).message ?? ""} ${
      (current as { kind?: unknown }).kind ?? ""
    }`;
    if (UNREACHABLE_HINTS.some((hint) => text.includes(hint))) return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}
