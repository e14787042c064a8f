// The Stripe-style signature every delivery carries (CONTRACT §14): `t=<unix seconds>,v1=<hex HMAC-SHA256 of
// "<t>.<raw body>">` keyed with the endpoint's secret. Receivers recompute it (README "Webhooks") and reject old `t`.
import { createHmac, randomBytes } from "node:crypto";

export const SIGNATURE_HEADER = "Helpdesk-Signature";
export const EVENT_ID_HEADER = "Helpdesk-Event-Id";

export function signatureHeader(secret: string, body: string, at: Date = new Date()): string {
  const timestamp = Math.floor(at.getTime() / 1000);
  const digest = createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex");
  return `t=${timestamp},v1=${digest}`;
}

/** A new endpoint's secret: 32 random bytes, prefixed so that it is recognisable in a secrets scanner. */
export const newWebhookSecret = () => `whsec_${randomBytes(32).toString("base64url")}`;
