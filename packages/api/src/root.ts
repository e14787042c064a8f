import { attachmentRouter } from "./routers/attachment.ts";
import { authRouter } from "./routers/auth.ts";
import { draftRouter } from "./routers/draft.ts";
import { inboundRouter } from "./routers/inbound.ts";
import { macroRouter } from "./routers/macro.ts";
import { messageRouter } from "./routers/message.ts";
import { outboxRouter } from "./routers/outbox.ts";
import { presenceRouter } from "./routers/presence.ts";
import { searchRouter } from "./routers/search.ts";
import { ticketRouter } from "./routers/ticket.ts";
import { userRouter } from "./routers/user.ts";
import { webhookRouter } from "./routers/webhook.ts";
import { createCallerFactory, router } from "./trpc.ts";

export const appRouter = router({
  auth: authRouter,
  message: messageRouter,
  ticket: ticketRouter,
  user: userRouter,
  attachment: attachmentRouter,
  outbox: outboxRouter,
  inbound: inboundRouter,
  draft: draftRouter,
  presence: presenceRouter,
  search: searchRouter,
  macro: macroRouter,
  webhook: webhookRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
