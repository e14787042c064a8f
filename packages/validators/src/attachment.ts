import { z } from "zod";
import { ZPathId } from "./common.ts";

export const ZAttachmentIdParam = z.object({ attachment_id: ZPathId.describe("ID of the attachment (att_…)") });
export type TAttachmentIdParam = z.infer<typeof ZAttachmentIdParam>;

/** The file field of `POST /attachments` (multipart/form-data). */
export const UPLOAD_FILE_FIELD = "file";
export const UPLOAD_MEDIA_TYPE = "multipart/form-data";
export const UPLOAD_TOKEN_LIFETIME_MS = 60 * 60 * 1000;
export const MAX_UPLOAD_BYTES_DEFAULT = 26_214_400;
