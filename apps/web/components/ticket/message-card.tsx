"use client";

import type { TMessage, TTicket } from "@helpdesk/validators";
import { type ReactNode, useId, useMemo, useState } from "react";
import { Time } from "@/components/ui/time";
import { withoutRemoteImages } from "@/lib/remote-images";

const STYLES = {
  request: { box: "border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900", label: "Customer" },
  response: { box: "border-indigo-200 bg-indigo-50/60 dark:border-indigo-900 dark:bg-indigo-950/40", label: "Reply" },
  note: { box: "border-amber-300 bg-amber-50 dark:border-amber-800 dark:bg-amber-950/40", label: "Internal note" },
} as const;

const DELIVERY = {
  not_sent: null,
  queued: "Queued for delivery",
  sent: "Delivered",
  failed: "Delivery failed",
} as const;

/** The folded quote the inbound pipeline puts at the end of a received mail's content (packages/api inbound/body.ts). */
const QUOTED_MARK = 'class="hd-quoted"';

/** Who wrote the message: the mail's sender, the ticket's requester for other requests, or the agent. */
function senderOf(message: TMessage, ticket: TTicket, authorName: string): { name: string; email: string | null } {
  if (message.from) return { name: message.from.name ?? message.from.email, email: message.from.name ? message.from.email : null };
  if (message.type === "request") return { name: ticket.requesterName ?? ticket.requesterEmail, email: null };
  return { name: authorName, email: null };
}

export function MessageCard({ message, ticket, authorName }: { message: TMessage; ticket: TTicket; authorName: string }) {
  const style = STYLES[message.type];
  const sender = senderOf(message, ticket, authorName);
  const delivery = DELIVERY[message.delivery.status];
  const viaEmail = message.source === "email";
  return (
    <article data-testid="message" data-message-id={message.id} data-message-type={message.type} aria-label={`${style.label} from ${sender.name}`} className={`rounded-xl border p-4 shadow-sm ${style.box}`}>
      <header className="flex flex-wrap items-baseline gap-x-2 gap-y-1 text-sm">
        <span data-testid="message-sender">
          <span className="font-medium">{sender.name}</span>
          {sender.email && <span className="text-slate-600 dark:text-slate-400"> &lt;{sender.email}&gt;</span>}
        </span>
        <span className={`rounded px-1.5 py-0.5 text-xs font-medium ${message.type === "note" ? "bg-amber-200 text-amber-950 dark:bg-amber-800 dark:text-amber-50" : "text-slate-600 dark:text-slate-400"}`}>
          {message.isForward ? "Forward" : style.label}
        </span>
        {viaEmail && <span className="rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-700 dark:bg-slate-800 dark:text-slate-300">via email</span>}
        <span className="ml-auto text-xs text-slate-600 dark:text-slate-400"><Time iso={message.createdAt} /></span>
      </header>
      {(message.recipients.length > 0 || message.ccs.length > 0) && (
        <dl className="mt-1 space-y-0.5 text-xs text-slate-600 dark:text-slate-400">
          {message.recipients.length > 0 && <div><dt className="inline">To: </dt><dd className="inline">{message.recipients.map((r) => r.email).join(", ")}</dd></div>}
          {message.ccs.length > 0 && <div><dt className="inline">Cc: </dt><dd className="inline" data-testid="message-ccs">{message.ccs.map((r) => r.email).join(", ")}</dd></div>}
        </dl>
      )}
      <MessageContent
        content={message.content}
        actions={viaEmail && <a href={`/helpdesk/api/messages/${message.id}/original`} download className="text-indigo-700 underline dark:text-indigo-300">Original (.eml)</a>}
      />
      {message.attachments.length > 0 && (
        <ul className="mt-3 flex flex-wrap gap-2 text-xs">
          {message.attachments.map((attachment) => (
            <li key={attachment.id}>
              <a href={attachment.url} className="inline-flex items-center gap-1 rounded-md border border-slate-300 bg-white px-2 py-1 hover:bg-slate-50 dark:border-slate-700 dark:bg-slate-900 dark:hover:bg-slate-800">
                {attachment.name} <span className="text-slate-600 dark:text-slate-400">({formatBytes(attachment.size)})</span>
              </a>
            </li>
          ))}
        </ul>
      )}
      {delivery && (
        <p data-testid="delivery" className={`mt-2 text-xs ${message.delivery.status === "failed" ? "text-red-700 dark:text-red-300" : "text-slate-600 dark:text-slate-400"}`}>
          {delivery}
          {message.delivery.attempts > 0 && ` · ${message.delivery.attempts} attempt${message.delivery.attempts === 1 ? "" : "s"}`}
          {message.delivery.lastError && ` · ${message.delivery.lastError}`}
        </p>
      )}
    </article>
  );
}

/**
 * The message's HTML; remote images stay unloaded (tracking pixels) until the agent asks for them, and the quoted
 * earlier conversation of a received mail stays folded until they ask for it.
 */
function MessageContent({ content, actions }: { content: string; actions: ReactNode }) {
  // The agent's choice covers the content they saw: an edited message is gated again.
  const [shownFor, setShownFor] = useState<string | null>(null);
  const showImages = shownFor === content;
  const [quoteShown, setQuoteShown] = useState(false);
  const hasQuote = content.includes(QUOTED_MARK);
  const noteId = useId();
  const contentId = useId();
  const gated = useMemo(() => withoutRemoteImages(content), [content]);
  const html = showImages ? content : gated.html;
  return (
    <>
      {gated.blocked > 0 && !showImages && (
        <div className="mt-2 flex flex-wrap items-center gap-2 rounded-md border border-slate-200 bg-slate-50 px-3 py-1.5 text-xs text-slate-700 dark:border-slate-700 dark:bg-slate-800 dark:text-slate-300">
          <span id={noteId}>Remote images are hidden to protect privacy.</span>
          <button type="button" aria-describedby={noteId} onClick={() => setShownFor(content)} className="rounded-md border border-slate-300 bg-white px-2 py-0.5 font-medium hover:bg-slate-100 focus:outline-none focus-visible:ring-2 focus-visible:ring-indigo-500 dark:border-slate-600 dark:bg-slate-900 dark:hover:bg-slate-700">
            Show images
          </button>
        </div>
      )}
      {/* biome-ignore lint/security/noDangerouslySetInnerHtml: stored sanitized by the API (allow-listed tags and attributes only); remote image sources parked above until asked for. */}
      <div id={contentId} className={`prose-message mt-2 text-sm leading-relaxed ${quoteShown ? "quote-shown" : ""}`} dangerouslySetInnerHTML={{ __html: html }} />
      {(hasQuote || actions) && (
        <div className="mt-2 flex flex-wrap items-center gap-3 text-xs">
          {hasQuote && (
            <button type="button" aria-expanded={quoteShown} aria-controls={contentId} onClick={() => setQuoteShown(!quoteShown)} className="rounded-md border border-slate-300 bg-white px-2 py-0.5 font-medium hover:bg-slate-100 focus:outline-none focus-visible:ring-2 focus-visible:ring-indigo-500 dark:border-slate-600 dark:bg-slate-900 dark:hover:bg-slate-700">
              {quoteShown ? "Hide quoted text" : "Show quoted text"}
            </button>
          )}
          {actions}
        </div>
      )}
    </>
  );
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
