export { mailConfigFromEnv, MAIL_DEFAULTS, type MailConfig } from "./config.ts";
export { createMailTransport } from "./worker.ts";
