import type { TRenderedMacro, TTicketPriority, TTicketStatus, TTicketType, TTicketUpdate } from "@helpdesk/validators";

/** The composer's "and set …" choice of status. */
export type StatusChoice = "" | "open" | "pending" | "resolved";

/** What a chosen macro also sets besides the status (the "and set" choice holds that): it goes with the send. */
export interface AlsoSet {
  priority?: TTicketPriority;
  type?: TTicketType;
  addTags: string[];
}

/** The ticket changes a draft carries: its status choice and what macros added. */
export interface PendingUpdate {
  setStatus: StatusChoice;
  alsoSet: AlsoSet;
}

export const nothingPending: PendingUpdate = { setStatus: "", alsoSet: { addTags: [] } };

const isStatusChoice = (status: TTicketStatus | undefined): status is Exclude<StatusChoice, ""> =>
  status === "open" || status === "pending" || status === "resolved";

/** The message's (and the server draft's) ticket_update: one change with every field, or null when there is none. */
export function ticketUpdateOf({ setStatus, alsoSet }: PendingUpdate): TTicketUpdate | null {
  const update: TTicketUpdate = {
    ...(setStatus ? { status: setStatus } : {}),
    ...(alsoSet.priority ? { priority: alsoSet.priority } : {}),
    ...(alsoSet.type ? { type: alsoSet.type } : {}),
    ...(alsoSet.addTags.length ? { add_tags: alsoSet.addTags } : {}),
  };
  return Object.keys(update).length ? update : null;
}

/** A saved ticket_update back as the composer's choices. */
export function pendingOf(update: TTicketUpdate | null | undefined): PendingUpdate {
  return {
    setStatus: isStatusChoice(update?.status) ? update.status : "",
    alsoSet: { ...(update?.priority ? { priority: update.priority } : {}), ...(update?.type ? { type: update.type } : {}), addTags: update?.add_tags ?? [] },
  };
}

/**
 * A chosen macro's fields over what the draft already had: its status, priority and type replace the draft's, its tags
 * join the draft's (each once). A status the composer cannot offer ("new") leaves the draft's choice as it was.
 */
export function withMacro(current: PendingUpdate, macro: TRenderedMacro): PendingUpdate {
  const { status, priority, type, add_tags: tagsInUpdate = [] } = macro.ticket_update;
  return {
    setStatus: isStatusChoice(status) ? status : current.setStatus,
    alsoSet: {
      ...current.alsoSet,
      ...(priority ? { priority } : {}),
      ...(type ? { type } : {}),
      addTags: [...new Set([...current.alsoSet.addTags, ...tagsInUpdate, ...macro.add_tags])],
    },
  };
}
