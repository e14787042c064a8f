// Outgoing mail settings. With SMTP_URL unset no instance delivers: mail waits in the outbox (and its jobs in the queue).
import { serverConfig } from "@helpdesk/validators";

export interface MailConfig {
  smtpUrl: string;
  /** The From address; its domain also names the Message-IDs. */
  from: string;
  /** How often an idle worker looks for mail (pg-boss polling; at least 0.5 s). */
  pollIntervalSeconds: number;
  /** Attempts per email before it ends `failed`. */
  maxAttempts: number;
  /** Retry n waits between retryDelaySeconds · 2^(n−1) and twice that (pg-boss's jittered backoff), at most retryDelayMaxSeconds. */
  retryDelaySeconds: number;
  retryDelayMaxSeconds: number;
}

export const MAIL_DEFAULTS = {
  from: "support@localhost",
  pollIntervalSeconds: 5,
  maxAttempts: 8,
  retryDelaySeconds: 30,
  retryDelayMaxSeconds: 3_600,
} as const;

export function mailConfigFromEnv(env: NodeJS.ProcessEnv = process.env): MailConfig | null {
  const { SMTP_URL, HELPDESK_FROM_EMAIL } = serverConfig(env);
  return SMTP_URL ? { ...MAIL_DEFAULTS, smtpUrl: SMTP_URL, from: HELPDESK_FROM_EMAIL } : null;
}

/** The latest moment pg-boss schedules retry n (n ≥ 1) at, for the Outbox page: its jitter only makes it sooner. */
export function latestRetryDelaySeconds(retry: number, { retryDelaySeconds, retryDelayMaxSeconds }: Pick<MailConfig, "retryDelaySeconds" | "retryDelayMaxSeconds">): number {
  return Math.min(Math.max(retryDelaySeconds, 1) * 2 ** Math.min(16, retry), retryDelayMaxSeconds);
}

/** The domain of the From address, for Message-IDs. */
export function mailDomain(from: string): string {
  const address = /<([^>]+)>/.exec(from)?.[1] ?? from;
  return address.split("@").pop()?.trim().toLowerCase() || "localhost";
}
