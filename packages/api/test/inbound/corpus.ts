// The inbound corpus (issue 10): real-world-shaped mails in corpus/*.eml and what each must become, as the lead's
// behaviour spec (notes/inbound-spec.md) says. The cases run in this order against one database, so a later mail can
// answer a ticket an earlier one opened. Placeholders in the files are filled at run time: {{domain}} (our domain),
// {{ticket:<case>}} (the ticket that case created), {{message:<setup>}} (a response a setup step created) and
// {{generated:large-attachment}} (an 18 MiB attachment made by the test, not committed).
import type { InboundDoor, InboundOutcome } from "../../src/inbound/types.ts";

export interface Address {
  email: string;
  name: string | null;
}

/** What the system or an agent did before the mail arrived. */
export type Setup =
  /** An agent's emailed response on a case's ticket, created through the service layer (so it is queued for mail). */
  | { kind: "response"; name: string; ticket: string; content: string; ccs?: string[]; status?: "pending" | "resolved" }
  /** The automation closed the case's ticket. */
  | { kind: "close"; ticket: string };

export interface TicketExpectation {
  /** The mail joined (or, when ignored, left alone) the ticket of this earlier case. */
  sameAs?: string;
  /** The mail opened a follow-up of this earlier case's (closed) ticket. */
  followUpOf?: string;
  subject?: string;
  requester?: Address;
  status?: "new" | "open" | "pending" | "resolved" | "closed";
}

export interface MessageExpectation {
  from: Address;
  /** Exactly these CCs, compared by lower-cased address. */
  ccs?: string[];
  textIncludes?: string[];
  /** Not in textContent: the quoted earlier conversation and `-- ` signatures. */
  textExcludes?: string[];
  /** Inside `<div class="hd-quoted">`, the last element of content. */
  quoted?: string[];
  contentIncludes?: string[];
  /** The whole content, when it is fixed. */
  content?: string;
  attachments?: { name: string; contentType: string; size: number }[];
  /** How many `<img>` in content point at a stored attachment in place of a `cid:` source. */
  inlineImages?: number;
}

export interface CorpusCase {
  name: string;
  file: string;
  door: InboundDoor;
  envelopeFrom?: string;
  /** One line for the outcome table. */
  about: string;
  setup?: Setup[];
  /** "rejected": the http door refuses the mail (VALIDATION_ERROR, the route's 422) and stores nothing. */
  outcome: InboundOutcome | "rejected";
  ticket?: TicketExpectation;
  message?: MessageExpectation;
  /** A DSN: this setup response's outgoing mail becomes failed, lastError "Bounced: …" containing `reason`. */
  bounce?: { response: string; reason: string };
  /** A report that must not fail the mail: this setup response's outgoing mail stays queued. */
  stillQueued?: string;
}

export const DOMAIN = "helpdesk.example";
/** Our addresses: the From address and a second alias. */
export const OUR_ADDRESSES = [`support@${DOMAIN}`, `help@${DOMAIN}`];
export const LARGE_ATTACHMENT_BYTES = 18 * 1024 * 1024;

const PDF = { contentType: "application/pdf", size: 439 };
const PNG = { contentType: "image/png", size: 74 };
const who = (email: string, name: string | null = null): Address => ({ email, name });
const maria = who("maria.keller@posteo.de", "Maria Keller");
const daniel = who("daniel.okafor@gmail.com", "Daniel Okafor");
const soren = who("soren.odegard@outlook.com", "Søren Ødegård");
const zoe = who("zoe.martin@icloud.com", "Zoë Martín");
const jurgen = who("j.weiss@web-hosting-kunde.de", "Jürgen Weiß");
const yuki = who("yuki.tanaka@example.co.jp", "田中 ゆき");
const ines = who("ines.alvarez@mailbox.example", "Inés Álvarez");

const http = (name: string, about: string, rest: Omit<CorpusCase, "name" | "file" | "door" | "about">): CorpusCase => ({
  name, file: `${name}.eml`, door: "http", about, ...rest,
});
const newTicket = (subject: string, requester: Address, message: Omit<MessageExpectation, "from"> = {}) => ({
  outcome: "new_ticket" as const,
  ticket: { subject, requester, status: "new" as const },
  message: { from: requester, ccs: [], ...message },
});
const ignored = (name: string, about: string, extra: Partial<CorpusCase> = {}) => http(name, about, { outcome: "ignored", ...extra });
const response = (name: string, ticket: string, content: string, extra: Partial<Extract<Setup, { kind: "response" }>> = {}): Setup => ({
  kind: "response", name, ticket, content, ...extra,
});

export const CORPUS: CorpusCase[] = [
  http("plain-question", "Thunderbird, plain text (format=flowed): new question", newTicket("Cannot log in after password reset", maria, { textIncludes: ["I cannot log in any more", "Best regards,"] })),
  http("gmail-question", "Gmail, multipart/alternative: new question", newTicket("Order #4411 arrived damaged", daniel, { textIncludes: ["my order #4411 arrived today"] })),
  http("outlook-question", "Outlook/Exchange, windows-1252 quoted-printable, RFC 2047 From", newTicket("Charged twice for the Premium plan", soren, { textIncludes: ["“Premium” plan", "49,00 €"] })),
  http("apple-question", "Apple Mail, UTF-8 QP with emoji and accents, base64 RFC 2047 subject", newTicket("Merci pour l’aide 🎉 — question sur la facture", zoe, { textIncludes: ["déjà apportée 🎉", "« résilié »"] })),
  http("latin1-question", "Roundcube, ISO-8859-1 QP body, subject and From", newTicket("Adressänderung für Kundennummer 55120", jurgen, { textIncludes: ["Hauptstraße 12, 80331 München"] })),
  http("japanese-question", "Becky!, ISO-2022-JP subject, From and body", newTicket("請求書の再発行について", yuki, { textIncludes: ["先月分の請求書を紛失してしまいました"] })),
  http("yahoo-question", "Yahoo Mail (Android), QP html and text", newTicket("Where can I download my invoices?", who("fatima.zahra88@yahoo.example", "Fatima Zahra"), { textIncludes: ["find the invoices page in my account settings"] })),
  http("cc-list-question", "Exchange, To/Cc with our addresses (any case, plus-form), the sender and a duplicate", newTicket("Shipment labels are printed twice", who("priya.nair@acme-logistics.example", "Nair, Priya"), {
    ccs: ["tom.becker@acme-logistics.example", "lena.fischer@partner-firm.example"], textIncludes: ["every shipment label is printed twice"],
  })),
  http("script-html-question", "HTML-only phishing-style mail: script, onload/onerror, javascript: links", newTicket("Your invoice is ready", who("noreply-billing@account-verify.example", "Account Team"), {
    textIncludes: ["Please review your invoice."], textExcludes: ["document.location", "document.cookie", "alert(document.domain)"], contentIncludes: ["Please review your invoice."],
  })),
  http("no-message-id", "Contact-form script mail without Message-ID", newTicket("Contact form: question about delivery times", who("www-data@shop.kunde-beispiel.example", "Contact form"), { textIncludes: ["How long does delivery to Austria take"] })),
  { name: "no-message-id-again", file: "no-message-id.eml", door: "imap", about: "the same mail without Message-ID again (IMAP door)", outcome: "duplicate" },
  http("inline-image-question", "Outlook, multipart/related with a cid: screenshot", newTicket("Error message on the export page (screenshot)", who("kwame.mensah@contoso-retail.example", "Kwame Mensah"), {
    textIncludes: ["the export page shows this error"], attachments: [{ name: "image001.png", ...PNG }], inlineImages: 1,
  })),
  http("two-attachments-question", "Thunderbird, PDF (RFC 2231 continued name) and PNG (RFC 2047 name), split encoded-word subject", newTicket("Factura de marzo y captura de pantalla – pedido 7781", ines, {
    textIncludes: ["adjunto la factura de marzo"], attachments: [{ name: "Rechnung März 2026.pdf", ...PDF }, { name: "Übersicht Screenshot.png", ...PNG }],
  })),
  http("attachment-only", "Scanner mail: one PDF, no text", newTicket("Message from KM_C258", who("scanner@buero-hoffmann.example"), {
    content: "<p>(no text)</p>", attachments: [{ name: "SKM_C25826030216400.pdf", ...PDF }],
  })),
  http("large-attachment", "Thunderbird, 18 MiB base64 PDF (mail ≈ 24.6 MiB, under the 25 MiB limit)", newTicket("Floor plans for the import (large file)", who("archive@architekten-ost.example", "Ewa Kowalska"), {
    textIncludes: ["scanned floor plans"], attachments: [{ name: "floor-plans-scan.pdf", contentType: "application/pdf", size: LARGE_ATTACHMENT_BYTES }],
  })),
  http("gmail-reply", "Gmail reply, div.gmail_quote, In-Reply-To our <msg_…>, photo attached; pending ticket reopens", {
    setup: [response("reply-gmail", "gmail-question", "<p>Sorry to hear that, Daniel! Could you send us a photo of the damaged lamp?</p>", { status: "pending" })],
    outcome: "appended", ticket: { sameAs: "gmail-question", status: "open" },
    message: { from: daniel, ccs: [], textIncludes: ["Here is the photo of the broken lamp"], textExcludes: ["Could you send us a photo"], quoted: ["Could you send us a photo of the damaged lamp?"], attachments: [{ name: "broken-lamp.png", ...PNG }] },
  }),
  { name: "gmail-reply-again", file: "gmail-reply.eml", door: "smtp", about: "the same Gmail reply again (SMTP door)", outcome: "duplicate" },
  ignored("exchange-out-of-office", "Exchange automatic reply (Auto-Submitted: auto-replied) to our response", {
    setup: [response("reply-outlook", "outlook-question", "<p>We have refunded the duplicate charge; it should reach your card within five business days.</p>", { status: "resolved" })],
    ticket: { sameAs: "outlook-question", status: "resolved" },
  }),
  http("outlook-reply", "Outlook reply, divRplyFwdMsg quote, thread found by the subject token only; resolved ticket reopens", {
    outcome: "appended", ticket: { sameAs: "outlook-question", status: "open" },
    message: { from: soren, ccs: [], textIncludes: ["The refund has not arrived yet"], textExcludes: ["five business days"], quoted: ["five business days"] },
  }),
  http("apple-reply", "Apple Mail reply, blockquote type=cite, UTF-8 QP encoded-word subject", {
    setup: [response("reply-apple", "apple-question", "<p>Ce libellé est une erreur d’affichage, votre abonnement reste actif.</p>")],
    outcome: "appended", ticket: { sameAs: "apple-question" },
    message: { from: zoe, ccs: [], textIncludes: ["Parfait, merci beaucoup ! 🙏"], textExcludes: ["erreur d’affichage"], quoted: ["erreur d’affichage"] },
  }),
  http("thunderbird-reply", "Thunderbird HTML reply, moz-cite-prefix quote and a `-- ` signature", {
    setup: [response("reply-thunderbird", "plain-question", "<p>Please clear your browser's cookies for our site and try again.</p>")],
    outcome: "appended", ticket: { sameAs: "plain-question" },
    message: { from: maria, ccs: [], textIncludes: ["Clearing the cookies did it"], textExcludes: ["clear your browser's cookies", "Sent with Thunderbird from my desk"], quoted: ["clear your browser's cookies"] },
  }),
  http("plain-text-reply", "K-9 Mail, text only, base64 UTF-8, \"On … wrote:\" and > lines, found by References", {
    setup: [response("reply-latin1", "latin1-question", "<p>We have changed your address. Please check the new one below.</p><p>Hauptstraße 12, 80331 München</p>")],
    outcome: "appended", ticket: { sameAs: "latin1-question" },
    message: { from: jurgen, ccs: [], textIncludes: ["the new address is correct", "Grüße aus München"], textExcludes: ["Please check the new one below"], quoted: ["Please check the new one below"] },
  }),
  http("plus-address-reply", "iPhone Mail reply found only by To: support+tkt_…@ (no thread headers, no token in the subject)", {
    outcome: "appended", ticket: { sameAs: "japanese-question" },
    message: { from: yuki, ccs: [], textIncludes: ["受け取りました"], textExcludes: ["請求書を再発行し"], quoted: ["請求書を再発行し"] },
  }),
  http("closed-follow-up", "Reply (In-Reply-To our response) to a ticket the automation closed", {
    setup: [response("reply-closed", "two-attachments-question", "<p>Hemos corregido la factura y reembolsado la diferencia.</p>"), { kind: "close", ticket: "two-attachments-question" }],
    outcome: "follow_up", ticket: { followUpOf: "two-attachments-question", subject: "Re: Factura de marzo y captura de pantalla – pedido 7781", requester: ines, status: "new" },
    message: { from: ines, ccs: [], textIncludes: ["la factura de abril también está mal"], textExcludes: ["Hemos corregido"], quoted: ["Hemos corregido la factura"] },
  }),
  ignored("x-autoreply", "Vacation reply marked X-Autoreply: yes"),
  ignored("newsletter-bulk", "Mailchimp newsletter, Precedence: bulk"),
  ignored("mailing-list", "Mailman list mail, Precedence: list"),
  ignored("own-mail-back", "Our own mail coming back (From support@, token in the subject)", { ticket: { sameAs: "cc-list-question", status: "new" } }),
  ignored("own-message-id-back", "A forwarder re-sending our response: its Message-ID is our <msg_…>"),
  ignored("mailer-daemon-notice", "MAILER-DAEMON quota notice that is not a delivery report"),
  http("dsn-postfix-failed", "Postfix DSN (text/rfc822-headers, Auto-Submitted: auto-replied) for a CC of our response", {
    setup: [response("reply-bounce", "cc-list-question", "<p>We have fixed the duplicate label printing, please try again.</p>", { ccs: ["no-such-user@acme-logistics.example"] })],
    outcome: "bounce", bounce: { response: "reply-bounce", reason: "550 5.1.1 <no-such-user@acme-logistics.example>" },
  }),
  http("dsn-gmail-failed", "Gmail DSN (message/rfc822 original) for our response", {
    setup: [response("reply-bounce-gmail", "no-message-id", "<p>Delivery to Austria currently takes three to four working days.</p>")],
    outcome: "bounce", bounce: { response: "reply-bounce-gmail", reason: "550 5.1.1" },
  }),
  ignored("dsn-delayed", "Postfix DSN with Action: delayed for our response", {
    setup: [response("reply-delayed", "apple-question", "<p>Merci, bonne journée !</p>")], stillQueued: "reply-delayed",
  }),
  ignored("dsn-not-ours", "Exim DSN about a mail we never sent"),
  http("malformed", "Outlook Express: no Date, 8-bit bytes without charset, wrong next boundary, no closing boundary", newTicket("Question about invoice 2026-0412", who("oleg.petrov@oldmail.example", "Oleg Petrov"), { textIncludes: ["Hello support,", "Please correct it."] })),
  http("nul-bytes", "ERP robot mail with NUL bytes in the body", newTicket("Export job 8812 failed", who("sync-bot@erp.fabrik-nord.example", "ERP Sync"), { textIncludes: ["Export job 8812 failed at record 1204", "Please check the mapping"] })),
  {
    name: "envelope-sender-only", file: "envelope-sender-only.eml", door: "smtp", envelopeFrom: "alerts@monitoring.example", about: "Monitoring script mail without From: the envelope sender is the requester",
    ...newTicket("Disk almost full on web-03", who("alerts@monitoring.example"), { textIncludes: ["/dev/sda1 is 93% full"] }),
  },
  { name: "unparseable-no-headers", file: "unparseable-no-headers.eml", door: "http", about: "No header block, no sender: the route refuses it (422)", outcome: "rejected" },
  { name: "unparseable-no-headers-smtp", file: "unparseable-no-headers.eml", door: "smtp", about: "The same bytes by SMTP: kept for admins", outcome: "unparseable" },
  { name: "unparseable-no-sender", file: "unparseable-no-sender.eml", door: "imap", about: "Headers but no sender anywhere (IMAP door): kept for admins", outcome: "unparseable" },
];
