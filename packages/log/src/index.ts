// One structured logger for every process of the product: JSON lines on stdout, one object per event, so that a
// request can be followed by its `requestId` across the front door, the API and background jobs.
import { serverConfig } from "@helpdesk/validators";
import { pino } from "pino";

export const logger = pino({
  level: levelFromEnv(),
  base: { service: "helpdesk" },
  timestamp: pino.stdTimeFunctions.isoTime,
  // An error logged under `err` keeps its type, message, code and stack: logs stay ours, answers never show a stack.
  serializers: { err: (error: unknown) => describe(error) },
});

function describe(error: unknown) {
  if (!(error instanceof Error)) return { message: String(error) };
  const { code } = error as { code?: unknown };
  return { type: error.name, message: error.message, ...(code === undefined ? {} : { code }), stack: error.stack };
}

// Start-up has already refused a bad environment; a process without one (a script, a test) logs at info.
function levelFromEnv(): string {
  try {
    return serverConfig().HELPDESK_LOG_LEVEL;
  } catch {
    return "info";
  }
}
