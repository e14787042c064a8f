export { uploadAttachment, type UploadRequest } from "./upload.ts";
export { findAttachmentFile, storedFile, type AttachmentFile } from "./download.ts";
export { deleteExpiredUploads } from "./cleanup.ts";
