import { ZCreateMacroBody, ZMacroIdParam, ZRenderMacroBody, ZUpdateMacroBody } from "@helpdesk/validators";
import { createMacro, deleteMacro, listMacros, updateMacro } from "../services/macros/macros.ts";
import { renderMacro } from "../services/macros/render.ts";
import { adminProcedure, agentProcedure, router } from "../trpc.ts";

// Canned replies (CONTRACT §13): agents use them, admins manage them.
export const macroRouter = router({
  list: agentProcedure.query(({ ctx }) => listMacros(ctx.db)),
  create: adminProcedure.input(ZCreateMacroBody).mutation(({ ctx, input }) => createMacro(ctx.db, input)),
  update: adminProcedure
    .input(ZUpdateMacroBody.extend(ZMacroIdParam.shape))
    .mutation(({ ctx, input: { macro_id, ...changes } }) => updateMacro(ctx.db, macro_id, changes)),
  delete: adminProcedure.input(ZMacroIdParam).mutation(({ ctx, input }) => deleteMacro(ctx.db, input.macro_id)),
  render: agentProcedure
    .input(ZRenderMacroBody.extend(ZMacroIdParam.shape))
    .mutation(({ ctx, input }) => renderMacro(ctx.db, input.macro_id, input.ticket_id, ctx.user)),
});
