// What instances tell each other on the presence channel. Every instance keeps its own table, fed only by these
// notifications (its own included: its LISTEN connection hears them like any other), so one code path decides.
import { z } from "zod";

export const PRESENCE_CHANNEL = "helpdesk_presence";

export const ZTypingState = z.enum(["reply", "note"]).nullable();
export type TypingState = z.infer<typeof ZTypingState>;

const ZPresenceMessage = z.discriminatedUnion("op", [
  /** A watch connection is open (join and every heartbeat alike): one entry per connection, so per browser tab. */
  z.object({ op: z.literal("here"), connectionId: z.string(), userId: z.string(), name: z.string(), ticketId: z.string() }),
  z.object({ op: z.literal("leave"), connectionId: z.string() }),
  /** Per user and ticket, whichever tab types; expires unless renewed, null clears. */
  z.object({ op: z.literal("typing"), userId: z.string(), ticketId: z.string(), state: ZTypingState }),
  /** A newly (re)connected instance asks everyone to announce their connections now rather than at the next beat. */
  z.object({ op: z.literal("sync") }),
]);
export type PresenceMessage = z.infer<typeof ZPresenceMessage>;

/** A notification's message, or null for anything this version does not understand (a newer instance's). */
export function parsePresenceMessage(payload: string): PresenceMessage | null {
  try {
    const parsed = ZPresenceMessage.safeParse(JSON.parse(payload));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export interface PresenceTiming {
  /** How often an open watch connection says it is still here. */
  heartbeatMs: number;
  /** A connection not heard from for this long is gone (its instance crashed or lost the database). */
  expireAfterMs: number;
  /** A typing mark not renewed for this long is cleared. */
  typingForMs: number;
}

export const DEFAULT_TIMING: PresenceTiming = { heartbeatMs: 5000, expireAfterMs: 15_000, typingForMs: 8000 };
