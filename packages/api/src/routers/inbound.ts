import { ZInboundEmailIdParam, ZListInboundEmailsQuery } from "@helpdesk/validators";
import { z } from "zod";
import { inboundOriginal, inboundSetup, listInboundEmails } from "../inbound/admin.ts";
import { receiveOverHttp } from "../inbound/http-door.ts";
import { getAttachmentStorage } from "../storage/index.ts";
import { adminProcedure, publicProcedure, router } from "../trpc.ts";
import { ZRequestBody } from "./attachment.ts";

/** The raw request of the HTTP door: it authenticates with the inbound secret, not a user's session. */
const ZInboundInput = ZRequestBody.extend({ authorization: z.string().nullish() });

export const inboundRouter = router({
  /** Streams in the body, so it is meant for the REST adapter's `POST /inbound/email`. */
  receive: publicProcedure
    .input(ZInboundInput)
    .mutation(({ ctx, input }) =>
      receiveOverHttp(ctx.db, getAttachmentStorage(), { authorization: input.authorization ?? null, contentType: input.content_type, body: input.body }),
    ),
  list: adminProcedure.input(ZListInboundEmailsQuery).query(({ ctx, input }) => listInboundEmails(ctx.db, input)),
  setup: adminProcedure.query(() => inboundSetup()),
  original: adminProcedure.input(ZInboundEmailIdParam).query(({ ctx, input }) => inboundOriginal(ctx.db, getAttachmentStorage(), input.inbound_id)),
});
