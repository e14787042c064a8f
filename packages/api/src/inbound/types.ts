// The shapes every inbound door shares (CONTRACT §11): each door hands the raw mail to `receiveEmail` and acts on
// its result.
export type InboundDoor = "smtp" | "http" | "imap";

export type InboundOutcome = "new_ticket" | "appended" | "follow_up" | "duplicate" | "ignored" | "bounce" | "unparseable";

export interface InboundResult {
  outcome: InboundOutcome;
  /** The ticket the mail created or joined; null where nothing was created. */
  ticketId: string | null;
  /** The request message the mail became; null where nothing was created. */
  messageId: string | null;
}

export interface InboundConfig {
  /** Our own addresses, lower-cased: mail is accepted for them (and their plus-addressed forms) and never CC'd back. */
  addresses: string[];
  /** HELPDESK_FROM_EMAIL: its domain names our outgoing Message-IDs. */
  fromEmail: string;
  /** The largest mail accepted, in bytes (HELPDESK_MAX_UPLOAD_BYTES). */
  maxBytes: number;
}

export interface ReceiveOptions {
  door: InboundDoor;
  /** The SMTP envelope sender (MAIL FROM), when the door knows it: the requester of a mail without a usable From. */
  envelopeFrom?: string | null;
  /** The SMTP envelope recipients (RCPT TO): a plus-addressed one names the ticket even when the headers do not. */
  envelopeTo?: string[];
}
