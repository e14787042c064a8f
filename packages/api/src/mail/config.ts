// Outgoing mail settings. With SMTP_URL unset there is no worker: mail stays queued in the outbox.
export interface MailConfig {
  smtpUrl: string;
  /** The From address; its domain also names the Message-IDs. */
  from: string;
  pollIntervalMs: number;
  /** A claimed email is another instance's to retry once its lease runs out (the sender extends it while sending). */
  leaseMs: number;
  maxAttempts: number;
  /** Retry n waits backoffBaseMs · 2^(n−1), at most backoffCapMs. */
  backoffBaseMs: number;
  backoffCapMs: number;
  /** The clock, replaceable in tests. */
  now: () => Date;
}

export const MAIL_DEFAULTS = {
  from: "support@localhost",
  pollIntervalMs: 5_000,
  leaseMs: 5 * 60_000,
  maxAttempts: 8,
  backoffBaseMs: 30_000,
  backoffCapMs: 60 * 60_000,
} as const;

export function mailConfigFromEnv(env: NodeJS.ProcessEnv = process.env): MailConfig | null {
  if (!env.SMTP_URL) return null;
  return { ...MAIL_DEFAULTS, smtpUrl: env.SMTP_URL, from: env.HELPDESK_FROM_EMAIL || MAIL_DEFAULTS.from, now: () => new Date() };
}

export function retryDelayMs(attempts: number, { backoffBaseMs, backoffCapMs }: Pick<MailConfig, "backoffBaseMs" | "backoffCapMs">): number {
  return Math.min(backoffBaseMs * 2 ** Math.max(0, attempts - 1), backoffCapMs);
}

/** The domain of the From address, for Message-IDs. */
export function mailDomain(from: string): string {
  const address = /<([^>]+)>/.exec(from)?.[1] ?? from;
  return address.split("@").pop()?.trim().toLowerCase() || "localhost";
}
