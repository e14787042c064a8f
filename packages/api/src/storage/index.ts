// Chooses the attachment store from the environment.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { serverConfig } from "@helpdesk/validators";
import { LocalDiskStorage } from "./local.ts";
import { S3Storage } from "./s3.ts";
import type { AttachmentStorage } from "./storage.ts";

export { StoredFileMissing, type AttachmentStorage } from "./storage.ts";
export { LocalDiskStorage } from "./local.ts";

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../..");

/** S3 when HELPDESK_S3_BUCKET is set, else local disk under HELPDESK_ATTACHMENTS_DIR (default `<repo>/.data/attachments`). */
export function storageFromEnv(env: NodeJS.ProcessEnv = process.env): AttachmentStorage {
  const config = serverConfig(env);
  if (config.HELPDESK_S3_BUCKET) {
    return new S3Storage({
      bucket: config.HELPDESK_S3_BUCKET,
      region: config.HELPDESK_S3_REGION || env.AWS_REGION || "us-east-1",
      endpoint: config.HELPDESK_S3_ENDPOINT,
      prefix: config.HELPDESK_S3_PREFIX,
    });
  }
  return new LocalDiskStorage(config.HELPDESK_ATTACHMENTS_DIR || path.join(REPO_ROOT, ".data", "attachments"));
}

const globalForStorage = globalThis as { helpdeskStorage?: { signature: string; storage: AttachmentStorage } };

/** The process-wide store for the current environment (rebuilt when the variables that choose it change). */
export function getAttachmentStorage(): AttachmentStorage {
  const env = process.env;
  const signature = [env.HELPDESK_S3_BUCKET, env.HELPDESK_S3_REGION, env.HELPDESK_S3_ENDPOINT, env.HELPDESK_S3_PREFIX, env.HELPDESK_ATTACHMENTS_DIR].join("\n");
  if (globalForStorage.helpdeskStorage?.signature !== signature) {
    globalForStorage.helpdeskStorage = { signature, storage: storageFromEnv(env) };
  }
  return globalForStorage.helpdeskStorage.storage;
}
