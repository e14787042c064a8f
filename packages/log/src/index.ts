// One structured logger for every process of the product: JSON lines on stdout, one object per event, so that a
// request can be followed by its `requestId` across the front door, the API and background jobs.
import { pino } from "pino";

const LEVELS = new Set(["fatal", "error", "warn", "info", "debug", "trace", "silent"]);
const configured = process.env.HELPDESK_LOG_LEVEL?.toLowerCase();

export const logger = pino({
  level: configured && LEVELS.has(configured) ? configured : "info",
  base: { service: "helpdesk" },
  timestamp: pino.stdTimeFunctions.isoTime,
  // An error logged under `err` keeps its message and code but never its stack in production output.
  serializers: { err: (error: unknown) => describe(error) },
});

export type Logger = typeof logger;

function describe(error: unknown) {
  if (!(error instanceof Error)) return { message: String(error) };
  const { code } = error as { code?: unknown };
  return { type: error.name, message: error.message, ...(code === undefined ? {} : { code }), stack: error.stack };
}
