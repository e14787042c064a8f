import { TRPCClientError } from "@trpc/client";

export interface ApiError {
  code: string;
  message: string;
  /** Field path (as in the API's `details`) → messages. */
  fields: Record<string, string[]>;
}

const EXPLANATIONS: Record<string, string> = {
  TICKET_CLOSED: "This ticket is closed: closed tickets are read-only. Ask the customer to open a new ticket.",
  CLOSED_STATUS_SYSTEM_ONLY: "Only the system closes tickets. Set the ticket to Resolved; it closes automatically later.",
  FORBIDDEN: "Your role does not allow this.",
  UNAUTHORIZED: "Your session has ended. Sign in again.",
  CONFLICT: "This was already sent with different content.",
  RATE_LIMIT_EXCEEDED: "Too many requests. Wait a moment and try again.",
  SERVICE_UNAVAILABLE: "The server cannot reach its database right now. Nothing was changed; try again shortly.",
};

/** What the console shows for a failed call: the contract's code, a sentence in plain words, and field errors. */
export function toApiError(error: unknown): ApiError {
  if (error instanceof TRPCClientError) {
    const data = error.data as { appCode?: string; details?: Record<string, { message: string }[]> } | undefined;
    const code = data?.appCode ?? "INTERNAL_ERROR";
    const fields = Object.fromEntries(
      Object.entries(data?.details ?? {}).map(([field, issues]) => [field, Array.isArray(issues) ? issues.map((issue) => issue.message) : []]),
    );
    return { code, message: EXPLANATIONS[code] ?? error.message, fields };
  }
  return { code: "INTERNAL_ERROR", message: "Something went wrong. Try again.", fields: {} };
}
