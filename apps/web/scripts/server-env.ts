// The server's environment, checked before anything starts: a bad value stops start-up with one line naming it.
import { z } from "zod";

const positiveInt = z.coerce.number().int().positive();

const ZServerEnv = z.object({
  PORT: positiveInt.max(65535).default(3000),
  HOST: z.string().optional(),
  AUTH_SECRET: z.string().min(32).optional(),
  NEXTAUTH_SECRET: z.string().min(32).optional(),
  NEXTAUTH_URL: z.url().optional(),
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, "must be a postgresql:// URL").optional(),
  HELPDESK_ADMIN_EMAIL: z.email().optional(),
  HELPDESK_ADMIN_PASSWORD: z.string().min(8).optional(),
  SMTP_URL: z.string().regex(/^smtps?:\/\//, "must be an smtp:// or smtps:// URL").optional(),
  HELPDESK_FROM_EMAIL: z.email().optional(),
  HELPDESK_MAX_UPLOAD_BYTES: positiveInt.optional(),
  HELPDESK_ATTACHMENTS_DIR: z.string().optional(),
  HELPDESK_S3_BUCKET: z.string().optional(),
  HELPDESK_S3_ENDPOINT: z.url().optional(),
  HELPDESK_AUTO_CLOSE_AFTER_HOURS: positiveInt.optional(),
  HELPDESK_AUTOMATION_INTERVAL_SECONDS: positiveInt.optional(),
});

export function readServerEnv(source: NodeJS.ProcessEnv, { production }: { production: boolean }) {
  // An empty variable counts as unset.
  const present = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== ""));
  const parsed = ZServerEnv.safeParse(present);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    fail(`${String(issue?.path[0])}: ${issue?.message}`);
  }
  const env = parsed.data;
  if (production && !env.AUTH_SECRET && !env.NEXTAUTH_SECRET) fail("AUTH_SECRET (or NEXTAUTH_SECRET) is required in production");
  if (Boolean(env.HELPDESK_ADMIN_EMAIL) !== Boolean(env.HELPDESK_ADMIN_PASSWORD)) {
    fail("HELPDESK_ADMIN_EMAIL and HELPDESK_ADMIN_PASSWORD must be set together");
  }
  return {
    port: env.PORT,
    hostArgs: env.HOST ? ["-H", env.HOST] : [],
    adminEmail: env.HELPDESK_ADMIN_EMAIL,
    adminPassword: env.HELPDESK_ADMIN_PASSWORD,
  };
}

function fail(line: string): never {
  console.error(`Configuration error: ${line}`);
  process.exit(1);
}
