import { ROLE_RANK, unstorableDetails, validationDetails, type TRole } from "@helpdesk/validators";
import { initTRPC, type TRPCError } from "@trpc/server";
import { ZodError } from "zod";
import type { Context } from "./context.ts";
import { AppError, isDatabaseUnavailable, sessionRequired, toTRPCError } from "./errors.ts";

/** The contract's code and details for any procedure failure: what both the console and the REST adapter show. */
export function describeError(error: TRPCError): { code: string; message: string; details?: Record<string, unknown> } {
  const cause = error.cause;
  if (cause instanceof AppError) return { code: cause.code, message: cause.message, details: cause.details };
  if (cause instanceof ZodError) {
    return { code: "VALIDATION_ERROR", message: "Some fields are missing or invalid.", details: validationDetails(cause) };
  }
  if (isDatabaseUnavailable(error)) return { code: "SERVICE_UNAVAILABLE", message: "The database is unreachable; nothing was changed." };
  if (error.code === "INTERNAL_SERVER_ERROR") return { code: "INTERNAL_ERROR", message: "Something went wrong on our side." };
  return { code: error.code, message: error.message };
}

// No transformer: every procedure answers JSON-safe values (dates as ISO strings), so tRPC speaks plain JSON like
// REST and spends nothing on serialising twice.
const t = initTRPC.context<Context>().create({
  errorFormatter({ shape, error }) {
    const { code, message, details } = describeError(error);
    return { ...shape, message, data: { ...shape.data, stack: undefined, appCode: code, details } };
  },
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;

// Services throw AppErrors and input parsing throws ZodErrors; both leave as TRPCErrors with the contract's code.
// Zod 4 keeps no input in its issues, so the raw input is passed along to tell a missing field from a bad one.
const mapAppErrors = t.middleware(async ({ next, getRawInput }) => {
  const result = await next();
  if (result.ok) return result;
  const cause = result.error.cause;
  if (cause instanceof ZodError) {
    const details = validationDetails(cause, await getRawInput().catch(() => undefined));
    return { ...result, error: toTRPCError(new AppError("VALIDATION_ERROR", "Some fields are missing or invalid.", details)) };
  }
  if (cause instanceof AppError) return { ...result, error: toTRPCError(cause) };
  return result;
});

// Decided once for every procedure, on the raw input before any schema: PostgreSQL cannot store NUL or lone surrogates.
const refuseUnstorableInput = t.middleware(async ({ next, getRawInput }) => {
  const details = unstorableDetails(await getRawInput());
  if (Object.keys(details).length > 0) {
    throw toTRPCError(new AppError("VALIDATION_ERROR", "Some fields contain characters that cannot be stored.", details));
  }
  return next();
});

export const publicProcedure = t.procedure.use(mapAppErrors).use(refuseUnstorableInput);

function requireRole(minimum: TRole) {
  return publicProcedure.use(({ ctx, next }) => {
    if (!ctx.user) throw toTRPCError(sessionRequired());
    if (ROLE_RANK[ctx.user.role] < ROLE_RANK[minimum]) {
      throw toTRPCError(new AppError("FORBIDDEN", `This action needs the ${minimum} role or higher.`));
    }
    return next({ ctx: { ...ctx, user: ctx.user } });
  });
}

export const viewerProcedure = requireRole("viewer");
export const agentProcedure = requireRole("agent");
export const adminProcedure = requireRole("admin");
