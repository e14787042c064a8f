export * from "./common.ts";
export * from "./message.ts";
export * from "./ticket.ts";
export * from "./user.ts";
export * from "./auth.ts";
export * from "./errors.ts";
export * from "./attachment.ts";
export * from "./outbox.ts";
