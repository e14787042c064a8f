// Delivers one OutgoingEmail per pg-boss job over SMTP. pg-boss decides who runs a job (once across instances),
// retries it with backoff and takes it back from a worker that died; this file sends and records the outcome.
import type { Db } from "@helpdesk/db";
import nodemailer, { type Transporter } from "nodemailer";
import type { JobResult, JobWithMetadata } from "pg-boss";
import { isDatabaseUnavailable } from "../errors.ts";
import { oneLine } from "../jobs/boss.ts";
import type { AttachmentStorage } from "../storage/index.ts";
import { composeMail } from "./compose.ts";
import { latestRetryDelaySeconds, mailDomain, type MailConfig } from "./config.ts";
import { beginAttempt, recordOutcome, type MailJob, type OutgoingEmail, type Outcome } from "./outbox.ts";

export interface MailDeps {
  transport: Pick<Transporter, "sendMail">;
  storage: AttachmentStorage;
  config: MailConfig;
}

/**
 * One attempt at a job's email, as pg-boss's per-job result: a failure that a retry may cure is recorded on the row
 * and answered `failed`, so that pg-boss retries it with backoff; a permanent refusal, or the last attempt, ends the
 * row `failed` and the job as well (`deadletter`: failed for good, no retry left).
 */
export async function deliverEmailJob(
  db: Db,
  deps: MailDeps,
  job: Pick<JobWithMetadata<MailJob>, "id" | "data" | "retryCount" | "retryLimit"> & { signal?: AbortSignal },
): Promise<JobResult> {
  const email = await beginAttempt(db, job.data.emailId, job.retryCount + 1);
  // Already settled (the job ran again after its outcome was recorded: its worker died before completing it), or a
  // later attempt has begun (this one's claim was lost meanwhile): nothing to send.
  if (!email) return { id: job.id, status: "completed", output: { status: "skipped" } };
  const outcome = await attempt(db, email, deps, job.retryCount >= job.retryLimit, job.signal);
  await recordPersistently(db, email, outcome, job.signal);
  if (outcome.status === "sent") return { id: job.id, status: "completed", output: { status: "sent" } };
  return { id: job.id, status: outcome.status === "queued" ? "failed" : "deadletter", output: { error: outcome.error } };
}

const RECORD_DEADLINE_MS = 60_000;

/**
 * An outcome left unrecorded (the database away for a moment just after the send) would have the retry send the
 * mail again: keep trying while the job is still this worker's, for up to a minute.
 */
async function recordPersistently(db: Db, email: OutgoingEmail, outcome: Outcome, signal?: AbortSignal): Promise<void> {
  const deadline = Date.now() + RECORD_DEADLINE_MS;
  for (let waitMs = 250; ; waitMs = Math.min(waitMs * 2, 5_000)) {
    try {
      await recordOutcome(db, email, outcome);
      return;
    } catch (error) {
      if (signal?.aborted || Date.now() + waitMs > deadline || !isDatabaseUnavailable(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, waitMs));
    }
  }
}

async function attempt(db: Db, email: OutgoingEmail, { transport, storage, config }: MailDeps, isLastAttempt: boolean, signal?: AbortSignal): Promise<Outcome> {
  let streams: { destroy(): void }[] = [];
  try {
    const mail = await composeMail(db, storage, email, { from: config.from, domain: mailDomain(config.from) });
    streams = mail.streams;
    // pg-boss aborts the signal when its heartbeat finds the job's claim gone (handed to another instance): that
    // attempt sends the mail, this one must not.
    signal?.throwIfAborted();
    const info = await transport.sendMail(mail.options);
    const rejected = ((info.rejected ?? []) as (string | { address: string })[]).map((address) => (typeof address === "string" ? address : address.address));
    return { status: "sent", at: new Date(), note: rejected.length ? `Refused by the mail server: ${rejected.join(", ")}` : null };
  } catch (error) {
    const reason = oneLine(error);
    if (isPermanent(error) || isLastAttempt) return { status: "failed", error: reason, at: new Date() };
    const retryInMs = latestRetryDelaySeconds(email.attempts, config) * 1000;
    return { status: "queued", error: reason, retryAt: new Date(Date.now() + retryInMs) };
  } finally {
    for (const stream of streams) stream.destroy();
  }
}

/** A 5xx answer (no such mailbox, message refused) will not change on retry; network trouble and 4xx may. */
function isPermanent(error: unknown): boolean {
  const code = (error as { responseCode?: unknown }).responseCode;
  return typeof code === "number" && code >= 500 && code < 600;
}

export function createMailTransport(smtpUrl: string): Transporter {
  // Shorter than nodemailer's minutes-long defaults: a stuck server should cost one retry, not the job's expiry.
  return nodemailer.createTransport({ url: smtpUrl, connectionTimeout: 15_000, greetingTimeout: 15_000, socketTimeout: 60_000 });
}
