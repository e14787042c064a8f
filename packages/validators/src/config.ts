// Every setting the server reads from its environment, parsed in this one place (README "Configuration").
// Start-up checks it and stops with one line naming a bad variable; code inside the server reads `serverConfig()`.
import { z } from "zod";
import { MAX_UPLOAD_BYTES_DEFAULT } from "./attachment.ts";
import { DEFAULT_REQUESTS_PER_MINUTE } from "./limits.ts";

const positiveInt = z.coerce.number().int().positive();
const nonNegativeNumber = z.coerce.number().nonnegative();
// proxy-addr's names, IPv4/IPv6 addresses and CIDR ranges.
const PROXY_ENTRY = /^(loopback|linklocal|uniquelocal|[0-9a-f.:]+(\/\d{1,3})?)$/i;

const commaList = z
  .string()
  .default("")
  .transform((value) => value.split(",").map((entry) => entry.trim()).filter(Boolean));

export const ZServerEnv = z.object({
  PORT: positiveInt.max(65535).default(3000),
  HOST: z.string().optional(),
  AUTH_SECRET: z.string().min(32).optional(),
  NEXTAUTH_SECRET: z.string().min(32).optional(),
  NEXTAUTH_URL: z.url().optional(),
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, "must be a postgresql:// URL").optional(),
  HELPDESK_ADMIN_EMAIL: z.email().optional(),
  HELPDESK_ADMIN_PASSWORD: z.string().min(8).optional(),
  SMTP_URL: z.string().regex(/^smtps?:\/\//, "must be an smtp:// or smtps:// URL").optional(),
  HELPDESK_FROM_EMAIL: z.email().default("support@localhost"),
  HELPDESK_MAX_UPLOAD_BYTES: positiveInt.default(MAX_UPLOAD_BYTES_DEFAULT),
  HELPDESK_ATTACHMENTS_DIR: z.string().optional(),
  HELPDESK_S3_BUCKET: z.string().optional(),
  HELPDESK_S3_REGION: z.string().optional(),
  HELPDESK_S3_ENDPOINT: z.url().optional(),
  HELPDESK_S3_PREFIX: z.string().default("attachments/"),
  // 0 closes resolved tickets at the next run; fractions are fine (CONTRACT §7).
  HELPDESK_AUTO_CLOSE_AFTER_HOURS: nonNegativeNumber.default(96),
  HELPDESK_AUTOMATION_INTERVAL_SECONDS: z.coerce.number().positive().default(60),
  // off: this instance runs no automations (the benchmark measures requests alone).
  HELPDESK_AUTOMATIONS: z.enum(["on", "off"]).default("on"),
  // How long a response's mail waits so that its author can undo it (CONTRACT §12); 0: sent at once, no undo.
  HELPDESK_UNDO_SEND_SECONDS: nonNegativeNumber.max(3_600).default(10),
  HELPDESK_RATE_LIMIT_PER_MINUTE: positiveInt.default(DEFAULT_REQUESTS_PER_MINUTE),
  HELPDESK_LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  // Inbound email (CONTRACT §11). The SMTP door is off unless a port is given (`pnpm dev` gives 2525).
  HELPDESK_INBOUND_SMTP_PORT: positiveInt.max(65535).optional(),
  HELPDESK_INBOUND_SMTP_HOST: z.string().optional(),
  // Empty: HELPDESK_FROM_EMAIL alone. Plus-addressed forms (support+tkt_…@) of each are accepted too.
  HELPDESK_INBOUND_ADDRESSES: commaList
    .transform((entries) => entries.map((entry) => entry.toLowerCase()))
    .refine((entries) => entries.every((entry) => z.email().safeParse(entry).success), "must be a comma-separated list of email addresses"),
  // Unset: POST /helpdesk/api/inbound/email answers 404.
  HELPDESK_INBOUND_SECRET: z.string().min(16, "must be at least 16 characters").optional(),
  HELPDESK_IMAP_URL: z.string().regex(/^imaps?:\/\/[^/@]+@[^/]+/, "must be an imaps://user:pass@host/INBOX URL").optional(),
  HELPDESK_IMAP_POLL_SECONDS: z.coerce.number().positive().default(60),
  // 1: webhooks may target private, loopback and link-local addresses (tests, a receiver on the same network).
  HELPDESK_WEBHOOKS_ALLOW_PRIVATE: z.enum(["0", "1"], "must be 0 or 1").default("0").transform((value) => value === "1"),
  HELPDESK_TRUSTED_PROXIES: commaList
    .refine((entries) => entries.every((entry) => PROXY_ENTRY.test(entry)), "must be a comma-separated list of addresses, CIDR ranges or loopback/linklocal/uniquelocal"),
});

export type TServerConfig = z.output<typeof ZServerEnv>;

export type ConfigResult = { ok: true; config: TServerConfig } | { ok: false; problem: string };

/** Parses an environment; an empty variable counts as unset. `problem` is one line naming the variable. */
export function parseServerEnv(env: Record<string, string | undefined>): ConfigResult {
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ""));
  const parsed = ZServerEnv.safeParse(present);
  if (parsed.success) return { ok: true, config: parsed.data };
  const issue = parsed.error.issues[0];
  return { ok: false, problem: `${String(issue?.path[0])}: ${issue?.message}` };
}

let cached: { env: Record<string, string | undefined>; signature: string; config: TServerConfig } | undefined;

/** The settings of this process (re-parsed when process.env changes, as tests do); throws on a bad value. */
export function serverConfig(env: Record<string, string | undefined> = process.env): TServerConfig {
  const signature = JSON.stringify(Object.keys(ZServerEnv.shape).map((name) => env[name]));
  if (cached?.env === env && cached.signature === signature) return cached.config;
  const result = parseServerEnv(env);
  if (!result.ok) throw new Error(`Configuration error: ${result.problem}`);
  cached = { env, signature, config: result.config };
  return result.config;
}
