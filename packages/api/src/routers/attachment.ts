import { serverConfig, ZAttachmentIdParam } from "@helpdesk/validators";
import { z } from "zod";
import { findAttachmentFile, uploadAttachment } from "../services/attachments/index.ts";
import { getAttachmentStorage } from "../storage/index.ts";
import { agentProcedure, router, viewerProcedure } from "../trpc.ts";

const isWebStream = (value: unknown): value is ReadableStream<Uint8Array> =>
  typeof (value as ReadableStream | null)?.getReader === "function";

/** The raw request: the REST adapter hands the body over unread, so the role check runs before any byte is taken. */
export const ZRequestBody = z.object({
  content_type: z.string().nullable(),
  body: z.custom<ReadableStream<Uint8Array>>(isWebStream, "Must be the request's body stream.").nullable(),
});

/**
 * Both procedures carry streams, so they are meant for in-process callers (the REST adapter's
 * `POST /attachments` and `GET /attachments/:id`); the console uses those URLs with its session cookie.
 */
export const attachmentRouter = router({
  upload: agentProcedure
    .input(ZRequestBody)
    .mutation(({ ctx, input }) =>
      uploadAttachment(ctx.db, getAttachmentStorage(), { contentType: input.content_type, body: input.body }, {
        uploaderId: ctx.user.id,
        maxBytes: serverConfig().HELPDESK_MAX_UPLOAD_BYTES,
      }),
    ),
  download: viewerProcedure
    .input(ZAttachmentIdParam)
    .query(({ ctx, input }) =>
      findAttachmentFile(ctx.db, getAttachmentStorage(), { attachmentId: input.attachment_id, userId: ctx.user.id }),
    ),
});
