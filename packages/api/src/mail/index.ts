export { mailConfigFromEnv, MAIL_DEFAULTS, type MailConfig } from "./config.ts";
export { claimNextEmail } from "./queue.ts";
export { startMailWorker, deliverDueEmails, createMailTransport, type DeliveryPass, type MailDeps } from "./worker.ts";
