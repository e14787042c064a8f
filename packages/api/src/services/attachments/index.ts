export { uploadAttachment, type UploadRequest } from "./upload.ts";
export { findAttachmentFile, type AttachmentFile } from "./download.ts";
export { deleteExpiredUploads } from "./cleanup.ts";
