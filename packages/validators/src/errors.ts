import { z } from "zod";

export const ERROR_CODES = {
  BAD_REQUEST: 400,
  VALIDATION_ERROR: 422,
  UNAUTHORIZED: 401,
  INVALID_CREDENTIALS: 401,
  FORBIDDEN: 403,
  TICKET_CLOSED: 403,
  CLOSED_STATUS_SYSTEM_ONLY: 403,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RATE_LIMIT_EXCEEDED: 429,
  INTERNAL_ERROR: 500,
  SERVICE_UNAVAILABLE: 503,
} as const;
export type TErrorCode = keyof typeof ERROR_CODES;

export const ZErrorCode = z.enum(Object.keys(ERROR_CODES) as [TErrorCode, ...TErrorCode[]]);

export const ZValidationIssueCode = z.enum(["REQUIRED", "INVALID", "TOO_SMALL", "TOO_BIG"]);
export type TValidationIssueCode = z.infer<typeof ZValidationIssueCode>;

export const ZValidationIssue = z.object({ code: ZValidationIssueCode, message: z.string() });
export type TValidationIssue = z.infer<typeof ZValidationIssue>;

/** Field path (`ccs.3.email`, `ticket_update.status`; `body` for the whole body) → its issues. */
export const ZValidationDetails = z.record(z.string(), z.array(ZValidationIssue));
export type TValidationDetails = z.infer<typeof ZValidationDetails>;

export const ZErrorEnvelope = z.object({
  error: z.object({
    code: ZErrorCode,
    message: z.string(),
    status: z.number().int(),
    details: z.record(z.string(), z.unknown()).optional(),
  }),
});
export type TErrorEnvelope = z.infer<typeof ZErrorEnvelope>;

// ---- ZodError → details -----------------------------------------------------

type Issue = z.core.$ZodIssue;

const ROOT_KEY = "body";
const NO_INPUT = Symbol("no input");

/**
 * Maps a ZodError to the contract's `details`. Pass the parsed `input` when at hand: it tells a
 * missing field (REQUIRED) from a wrong one (INVALID) exactly; without it the issue is inspected.
 * Custom issues choose their code with `params: { code }`.
 */
export function validationDetails(error: z.ZodError, input: unknown = NO_INPUT): TValidationDetails {
  // No prototype: a field named `constructor` or `__proto__` must be a key like any other, not an inherited member.
  const details: TValidationDetails = Object.create(null);
  const add = (path: readonly PropertyKey[], issue: TValidationIssue) => {
    const key = path.length === 0 ? ROOT_KEY : path.map(String).join(".");
    (details[key] ??= []).push(issue);
  };
  for (const issue of error.issues) {
    if (issue.code === "unrecognized_keys") {
      for (const field of issue.keys) add([...issue.path, field], { code: "INVALID", message: "Unknown field." });
      continue;
    }
    add(issue.path, { code: issueCode(issue, input), message: issueMessage(issue, input) });
  }
  return details;
}

function issueCode(issue: Issue, input: unknown): TValidationIssueCode {
  if (issue.code === "custom") {
    const chosen = ZValidationIssueCode.safeParse(issue.params?.code);
    return chosen.success ? chosen.data : "INVALID";
  }
  if (isMissing(issue, input)) return "REQUIRED";
  if (issue.code === "too_small") return "TOO_SMALL";
  if (issue.code === "too_big") return "TOO_BIG";
  return "INVALID";
}

function isMissing(issue: Issue, input: unknown): boolean {
  // A missing enum is reported as invalid_value, a missing anything else as invalid_type.
  if (issue.code !== "invalid_type" && issue.code !== "invalid_value") return false;
  if ("input" in issue) return issue.input === undefined;
  if (input !== NO_INPUT) return valueAt(input, issue.path) === undefined;
  if (issue.code === "invalid_value") return false;
  // Zod's own wording, the only trace left when the input was not reported.
  return / received undefined$/.test(issue.message);
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let value = root;
  for (const segment of path) {
    if (value === null || typeof value !== "object") return undefined;
    value = (value as Record<PropertyKey, unknown>)[segment];
  }
  return value;
}

function issueMessage(issue: Issue, input: unknown): string {
  if (issue.code !== "custom" && isMissing(issue, input)) return "This field is required.";
  switch (issue.code) {
    case "custom":
      return issue.message;
    case "invalid_type":
      return isMissing(issue, input) ? "This field is required." : `Must be ${describeType(issue.expected)}.`;
    case "too_small":
      return describeBound(issue.origin, "min", Number(issue.minimum), issue.inclusive !== false);
    case "too_big":
      return describeBound(issue.origin, "max", Number(issue.maximum), issue.inclusive !== false);
    case "invalid_format":
      return describeFormat(issue);
    case "invalid_value":
      return `Must be one of: ${issue.values.map(String).join(", ")}.`;
    case "invalid_union":
      // A union given its own `error` (e.g. page/limit) says best what it wants.
      return issue.message && issue.message !== "Invalid input" ? issue.message : "Has an invalid value.";
    case "not_multiple_of":
      return `Must be a multiple of ${String(issue.divisor)}.`;
    default:
      return "Has an invalid value.";
  }
}

const TYPE_NAMES: Record<string, string> = {
  int: "a whole number",
  number: "a number",
  string: "a string",
  boolean: "true or false",
  object: "an object",
  array: "an array",
  null: "null",
};

function describeType(expected: string): string {
  return TYPE_NAMES[expected] ?? `of type ${expected}`;
}

function describeBound(origin: string, side: "min" | "max", limit: number, inclusive: boolean): string {
  if (origin === "string") {
    if (side === "min" && limit === 1) return "Must not be empty.";
    return side === "min" ? `Must be at least ${limit} characters long.` : `Must be at most ${limit} characters long.`;
  }
  if (origin === "array" || origin === "set") {
    const items = limit === 1 ? "item" : "items";
    return side === "min" ? `Must have at least ${limit} ${items}.` : `Must have at most ${limit} ${items}.`;
  }
  if (side === "min") return inclusive ? `Must be at least ${limit}.` : `Must be greater than ${limit}.`;
  return inclusive ? `Must be at most ${limit}.` : `Must be less than ${limit}.`;
}

function describeFormat(issue: Extract<Issue, { code: "invalid_format" }>): string {
  if (issue.format === "email") return "Must be a valid email address.";
  if (issue.format === "datetime") return "Must be an ISO 8601 date-time.";
  const idPrefix = "pattern" in issue && typeof issue.pattern === "string" ? /^\/?\^([a-z]+_)/.exec(issue.pattern) : null;
  if (idPrefix) return `Must be an id starting with ${idPrefix[1]}.`;
  return "Has an invalid format.";
}
