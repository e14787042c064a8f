// How deliveries are retried and when an endpoint is paused (CONTRACT §14). Tests shorten the times.
export interface WebhookDeliveryConfig {
  /** The first retry's delay; each later one doubles, up to retryDelayMaxMs, each with jitter. */
  retryDelayMs: number;
  retryDelayMaxMs: number;
  /** How long a delivery is retried before it is `failed`. */
  retryForMs: number;
  /** An endpoint failing without a success this long is paused. */
  pauseAfterMs: number;
  /** How often the dispatcher looks for deliveries that came due (retries; responses past their undo window). */
  passIntervalSeconds: number;
  timeoutMs: number;
}

/** What the outbox triggers (migration 20261204000000_webhooks) and a redelivery NOTIFY on commit. */
export const WEBHOOKS_CHANNEL = "helpdesk_webhooks";

const HOUR_MS = 3_600_000;

export const DEFAULT_WEBHOOK_DELIVERY: WebhookDeliveryConfig = {
  retryDelayMs: 10_000,
  retryDelayMaxMs: HOUR_MS,
  retryForMs: 24 * HOUR_MS,
  pauseAfterMs: 72 * HOUR_MS,
  passIntervalSeconds: 2,
  timeoutMs: 10_000,
};

/** Exponential backoff with "equal jitter": half the delay fixed, half random, so retries of many deliveries spread. */
export function retryDelayMs(config: WebhookDeliveryConfig, attempts: number): number {
  const delay = Math.min(config.retryDelayMaxMs, config.retryDelayMs * 2 ** Math.max(attempts - 1, 0));
  return Math.round(delay / 2 + (Math.random() * delay) / 2);
}
