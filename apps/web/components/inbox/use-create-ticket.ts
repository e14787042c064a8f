"use client";

import {
  type TCreateTicketBody,
  type TTicket,
  type TTicketPriority,
  type TTicketType,
  validationDetails,
  ZCreateTicketBody,
} from "@helpdesk/validators";
import { useMutation } from "@tanstack/react-query";
import { toApiError } from "@/lib/api-error";
import { useTRPCClient } from "@/lib/trpc";

/** How the first message is entered: the customer's words logged for them, or the agent writing first (emailed). */
export type FirstMessage = "request" | "response";

export interface NewTicket {
  requesterEmail: string;
  requesterName: string;
  subject: string;
  firstMessage: FirstMessage;
  text: string;
  priority: TTicketPriority;
  type: TTicketType;
  /** "" leaves it unassigned. */
  assigneeId: string;
}

export type NewTicketField = "requesterEmail" | "requesterName" | "subject" | "text";
export type NewTicketErrors = Partial<Record<NewTicketField | "form", string>>;

// The API's field names (its `details` keys) → the form's.
const FIELDS: Record<string, NewTicketField> = { requester_email: "requesterEmail", requester_name: "requesterName", subject: "subject", content: "text", text_content: "text" };

/** Thrown with every field's first error, from the shared zod schema before sending or from the API's details. */
export class NewTicketInvalid extends Error {
  constructor(readonly errors: NewTicketErrors) {
    super("Some fields are missing or invalid.");
  }
}

const escapeText = (text: string) => text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);

/** Typed text as message HTML: blank lines part paragraphs, single newlines break lines. */
export function textToHtml(text: string): string {
  return text.trim().split(/\n\s*\n/).map((paragraph) => `<p>${escapeText(paragraph.trim()).replace(/\n/g, "<br>")}</p>`).join("");
}

function fieldErrors(details: Record<string, { message: string }[] | string[]>): NewTicketErrors {
  const errors: NewTicketErrors = {};
  for (const [key, issues] of Object.entries(details)) {
    const first = issues[0];
    errors[FIELDS[key] ?? "form"] ??= typeof first === "string" ? first : first?.message;
  }
  return errors;
}

/**
 * Creates a ticket from the console. A `request` goes in with the ticket (one call); a `response` is the agent writing
 * first: the ticket is created empty, then the reply is posted, which emails the customer. The assignee is set between
 * the two (ticket.create takes none), so the reply goes out from an assigned ticket.
 */
export function useCreateTicket() {
  const client = useTRPCClient();
  return useMutation({
    mutationFn: async (form: NewTicket): Promise<{ ticket: TTicket; problem?: string }> => {
      const text = form.text.trim();
      const content = textToHtml(text);
      const body = {
        subject: form.subject,
        requester_email: form.requesterEmail,
        requester_name: form.requesterName.trim() || undefined,
        priority: form.priority,
        type: form.type,
        ...(form.firstMessage === "request" ? { content, text_content: text } : {}),
      };
      const parsed = ZCreateTicketBody.safeParse(body);
      const errors = parsed.success ? {} : fieldErrors(validationDetails(parsed.error, body));
      if (!text) errors.text = "Must not be empty.";
      if (!parsed.success || !text) throw new NewTicketInvalid(errors);
      const ticket = await createOrExplain(() => client.ticket.create.mutate(parsed.data satisfies TCreateTicketBody));
      // The ticket exists from here on: a later step's failure is reported with it, never as "not created" (a retry
      // would make a second ticket).
      try {
        if (form.assigneeId) await client.ticket.update.mutate({ ticket_id: ticket.id, assignee_id: form.assigneeId });
        if (form.firstMessage === "response") {
          await client.message.create.mutate({ ticket_id: ticket.id, type: "response", content, text_content: text });
        }
        return { ticket };
      } catch (error) {
        return { ticket, problem: toApiError(error).message };
      }
    },
  });
}

/** The API's field errors at the form's fields. */
async function createOrExplain(create: () => Promise<TTicket>): Promise<TTicket> {
  try {
    return await create();
  } catch (error) {
    const { fields } = toApiError(error);
    if (Object.keys(fields).length > 0) throw new NewTicketInvalid(fieldErrors(fields));
    throw error;
  }
}
