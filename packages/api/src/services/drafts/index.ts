export { discardDraft, getDraft, saveDraft, type DraftKey } from "./drafts.ts";
export { DRAFT_UPLOAD_LIFETIME_MS } from "./uploads.ts";
