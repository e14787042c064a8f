import { z } from "zod";
import { ZTicketId, ZTimestamp, ZUserId } from "./common.ts";

// Activity in the thread (CONTRACT §12): what happened to a ticket besides its messages. The rows are written by the
// database (a trigger on "Ticket") and by undo send, never through the API.

/** At most this many events are answered: a ticket's newest ones (a ticket sees a handful, so this is a safety cap). */
export const TICKET_EVENTS_MAX = 1000;

export const ZTicketEventKind = z.enum(["ticket.updated", "message.withdrawn"]);
export type TTicketEventKind = z.infer<typeof ZTicketEventKind>;

/** A field's value before and after: a status, priority or type name, a user id, a list of tags, or null. */
const ZChangeValue = z.union([z.string(), z.array(z.string()), z.null()]);
export const ZFieldChange = z.object({ from: ZChangeValue, to: ZChangeValue });
export type TFieldChange = z.infer<typeof ZFieldChange>;

export const ZTicketEvent = z.object({
  id: z.string().meta({ examples: ["tev_01jxa7q6z3c4v5b6n7m8k9h0gf"] }).describe("Unique identifier (tev_…)"),
  ticketId: ZTicketId.describe("The ticket"),
  actorId: ZUserId.nullable().describe("Who made the change, or null for the system (the automation, a customer's mail)"),
  kind: ZTicketEventKind.describe("ticket.updated (fields changed) or message.withdrawn (a reply was undone)"),
  changes: z
    .record(z.string(), ZFieldChange)
    .describe(
      "Only what changed, `{ field: { from, to } }`: status, priority, type, assigneeId and tags for ticket.updated; " +
        "`message` (from: the withdrawn message's id, to: null) for message.withdrawn",
    )
    .meta({ examples: [{ status: { from: "open", to: "pending" } }] }),
  createdAt: ZTimestamp.describe("When it happened (UTC)"),
});
export type TTicketEvent = z.infer<typeof ZTicketEvent>;

export const ZTicketEventList = z.object({
  data: z.array(ZTicketEvent).describe(`Oldest first; at most the newest ${TICKET_EVENTS_MAX}`),
});
export type TTicketEventList = z.infer<typeof ZTicketEventList>;

