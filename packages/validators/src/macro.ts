import { z } from "zod";
import { CONTENT_MAX_CHARS, ZMacroId, ZPathId, ZTicketId, ZTimestamp } from "./common.ts";
import { ZTicketUpdate } from "./message.ts";
import { ZTags } from "./ticket.ts";

export const MACRO_NAME_MAX = 100;

/** The placeholders a macro's content may hold; `render` fills them from the ticket and the agent. */
export const MACRO_PLACEHOLDERS = ["ticket.requester_name", "ticket.id", "agent.name"] as const;
export type TMacroPlaceholder = (typeof MACRO_PLACEHOLDERS)[number];

const ZMacroName = z
  .string()
  .trim()
  .min(1)
  .max(MACRO_NAME_MAX)
  .regex(/^[^\u0000-\u001f\u007f]*$/, "Must not contain line breaks or control characters.")
  .describe("Name agents pick it by; unique whatever the case");

// ---- Requests (snake_case) -------------------------------------------------

export const ZMacroIdParam = z.object({ macro_id: ZPathId });
export type TMacroIdParam = z.infer<typeof ZMacroIdParam>;

export const ZCreateMacroBody = z.object({
  name: ZMacroName,
  content: z
    .string()
    .trim()
    .min(1)
    .max(CONTENT_MAX_CHARS)
    .describe("HTML of the reply, sanitized as a message's; may hold {{ticket.requester_name}}, {{ticket.id}} and {{agent.name}}"),
  ticket_update: ZTicketUpdate.optional().describe("Ticket fields to set when the reply is sent"),
  add_tags: ZTags.optional().describe("Tags to add to the ticket when the reply is sent"),
});
export type TCreateMacroBody = z.infer<typeof ZCreateMacroBody>;

export const ZUpdateMacroBody = ZCreateMacroBody.partial();
export type TUpdateMacroBody = z.infer<typeof ZUpdateMacroBody>;

export const ZRenderMacroBody = z.object({ ticket_id: ZTicketId.describe("The ticket whose fields fill the placeholders") });
export type TRenderMacroBody = z.infer<typeof ZRenderMacroBody>;

// ---- Responses (camelCase; a rendering in snake_case, ready to send as a message's fields) ---------------------

export const ZMacro = z.object({
  id: ZMacroId.describe("Unique identifier"),
  name: z.string().describe("Name"),
  content: z.string().describe("Sanitized HTML with placeholders"),
  ticketUpdate: ZTicketUpdate.describe("Ticket fields it sets"),
  addTags: z.array(z.string()).describe("Tags it adds"),
  createdAt: ZTimestamp.describe("Creation time (UTC)"),
  updatedAt: ZTimestamp.describe("Last update time (UTC)"),
});
export type TMacro = z.infer<typeof ZMacro>;

export const ZMacroList = z.object({ data: z.array(ZMacro).describe("Every macro, by name") });
export type TMacroList = z.infer<typeof ZMacroList>;

export const ZRenderedMacro = z.object({
  content: z.string().describe("Sanitized HTML with the placeholders filled (values HTML-escaped; unknown ones left as typed)"),
  ticket_update: ZTicketUpdate.describe("As the message's ticket_update"),
  add_tags: z.array(z.string()).describe("Tags to add to the ticket"),
});
export type TRenderedMacro = z.infer<typeof ZRenderedMacro>;
