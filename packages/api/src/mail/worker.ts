// Delivers the outbox over SMTP from inside the server process. Any number of instances can run one.
import type { Db } from "@helpdesk/db";
import nodemailer, { type Transporter } from "nodemailer";
import { getAttachmentStorage, type AttachmentStorage } from "../storage/index.ts";
import { composeMail } from "./compose.ts";
import { mailDomain, retryDelayMs, type MailConfig } from "./config.ts";
import { claimNextEmail, extendLease, recordOutcome, type ClaimedEmail, type Outcome } from "./queue.ts";

export interface MailDeps {
  transport: Pick<Transporter, "sendMail">;
  storage: AttachmentStorage;
  config: MailConfig;
}

export interface DeliveryPass {
  sent: number;
  retrying: number;
  failed: number;
}

/** Emails handled per pass, so that one pass never runs unbounded while new mail keeps arriving. */
const PASS_LIMIT = 100;

/** Delivers every email due now, one at a time; returns what happened to them. */
export async function deliverDueEmails(db: Db, deps: MailDeps): Promise<DeliveryPass> {
  const pass: DeliveryPass = { sent: 0, retrying: 0, failed: 0 };
  for (let handled = 0; handled < PASS_LIMIT; handled++) {
    const email = await claimNextEmail(db, deps.config.now(), deps.config.leaseMs);
    if (!email) break;
    const outcome = await attempt(db, email, deps);
    if (await recordOutcome(db, email, outcome)) pass[outcome.status === "queued" ? "retrying" : outcome.status]++;
  }
  return pass;
}

async function attempt(db: Db, email: ClaimedEmail, { transport, storage, config }: MailDeps): Promise<Outcome> {
  const keepLease = setInterval(() => {
    extendLease(db, email, config.now(), config.leaseMs).catch(() => {});
  }, config.leaseMs / 3);
  let streams: { destroy(): void }[] = [];
  try {
    const mail = await composeMail(db, storage, email, { from: config.from, domain: mailDomain(config.from) });
    streams = mail.streams;
    const info = await transport.sendMail(mail.options);
    const rejected = ((info.rejected ?? []) as (string | { address: string })[]).map((address) => (typeof address === "string" ? address : address.address));
    return { status: "sent", at: config.now(), note: rejected.length ? `Refused by the mail server: ${rejected.join(", ")}` : null };
  } catch (error) {
    const reason = describeFailure(error);
    if (isPermanent(error) || email.attempts >= config.maxAttempts) return { status: "failed", error: reason, at: config.now() };
    return { status: "queued", error: reason, retryAt: new Date(config.now().getTime() + retryDelayMs(email.attempts, config)) };
  } finally {
    clearInterval(keepLease);
    for (const stream of streams) stream.destroy();
  }
}

/** A 5xx answer (no such mailbox, message refused) will not change on retry; network trouble and 4xx may. */
function isPermanent(error: unknown): boolean {
  const code = (error as { responseCode?: unknown }).responseCode;
  return typeof code === "number" && code >= 500 && code < 600;
}

function describeFailure(error: unknown): string {
  const { code, message } = error as { code?: unknown; message?: unknown };
  const text = [typeof code === "string" ? code : "", typeof message === "string" ? message : String(error)].filter(Boolean).join(": ");
  return text.replace(/\s+/g, " ").trim().slice(0, 500);
}

export function createMailTransport(smtpUrl: string): Transporter {
  // Shorter than nodemailer's minutes-long defaults: a stuck server should cost one retry, not the lease.
  return nodemailer.createTransport({ url: smtpUrl, connectionTimeout: 15_000, greetingTimeout: 15_000, socketTimeout: 60_000 });
}

/**
 * Runs delivery passes every `pollIntervalMs`, never two at once in this process. The returned stop function
 * resolves once a pass in progress has finished; an email cut off by a crash is retried after its lease.
 */
export function startMailWorker(db: Db, config: MailConfig, storage: AttachmentStorage = getAttachmentStorage()): () => Promise<void> {
  const transport = createMailTransport(config.smtpUrl);
  const deps: MailDeps = { transport, storage, config };
  let stopped = false;
  let inFlight: Promise<void> | undefined;
  let timer: NodeJS.Timeout | undefined;

  const schedule = (delayMs: number) => {
    if (stopped) return;
    timer = setTimeout(tick, delayMs);
    timer.unref();
  };
  const tick = () => {
    inFlight = deliverDueEmails(db, deps)
      .then(
        ({ sent, failed }) => {
          if (sent || failed) console.log(`Mail: ${sent} sent${failed ? `, ${failed} failed for good` : ""}.`);
        },
        (error: unknown) => console.error(`Mail delivery pass failed: ${describeFailure(error)}`),
      )
      .finally(() => {
        inFlight = undefined;
        schedule(config.pollIntervalMs);
      });
  };
  schedule(0);

  return async () => {
    stopped = true;
    clearTimeout(timer);
    await inFlight;
    transport.close();
  };
}
