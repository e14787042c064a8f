import { randomBytes } from "node:crypto";
import { newId, type Db } from "@helpdesk/db";
import { UPLOAD_FILE_FIELD, UPLOAD_TOKEN_LIFETIME_MS, type TAttachmentUpload } from "@helpdesk/validators";
import { AppError } from "../../errors.ts";
import type { AttachmentStorage } from "../../storage/index.ts";
import { hashUploadToken } from "../messages/attachments.ts";
import { receiveFile } from "./multipart.ts";

export interface UploadRequest {
  /** The request's Content-Type header. */
  contentType: string | null;
  body: ReadableStream<Uint8Array> | null;
}

export interface UploadOptions {
  uploaderId: string;
  maxBytes: number;
  now?: Date;
}

/**
 * Stores an uploaded file and answers a token for it. Only the token's sha256 is kept: the token is a bearer
 * credential for attaching the file, usable by its uploader, once, within the hour.
 */
export async function uploadAttachment(
  db: Db,
  storage: AttachmentStorage,
  request: UploadRequest,
  { uploaderId, maxBytes, now = new Date() }: UploadOptions,
): Promise<TAttachmentUpload> {
  const mediaType = request.contentType?.split(";")[0]?.trim().toLowerCase();
  if (mediaType !== "multipart/form-data" || !request.contentType) {
    throw new AppError("UNSUPPORTED_MEDIA_TYPE", `Uploads must be multipart/form-data with the file in the "${UPLOAD_FILE_FIELD}" field.`);
  }
  const id = newId("att");
  const file = await receiveFile(request.body, request.contentType, { storage, key: id, maxBytes });
  if (!file) {
    throw new AppError("VALIDATION_ERROR", "Some fields are missing or invalid.", {
      [UPLOAD_FILE_FIELD]: [{ code: "REQUIRED", message: `Send the file in the "${UPLOAD_FILE_FIELD}" field, with a file name.` }],
    });
  }
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(now.getTime() + UPLOAD_TOKEN_LIFETIME_MS);
  try {
    await db.attachment.create({
      data: { id, tokenHash: hashUploadToken(token), uploaderId, storageKey: id, ...file, expiresAt, createdAt: now },
    });
  } catch (error) {
    await storage.delete(id).catch(() => {});
    throw error;
  }
  return { token, ...file, expiresAt: expiresAt.toISOString() };
}
