export { appRouter, createCaller, type AppRouter } from "./root.ts";
export { createContext, type Context } from "./context.ts";
export { AppError, isDatabaseUnavailable } from "./errors.ts";
export { describeError } from "./trpc.ts";
export { ensureAdmin } from "./services/users.ts";
export * from "./automations/runner.ts";
export { closeStaleResolvedTickets } from "./automations/auto-close.ts";
