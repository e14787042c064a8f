"use client";

import type { TInboundSetup } from "@helpdesk/validators";
import type { ReactNode } from "react";

/** How mail reaches this server, as its settings say; each door that is off names the setting that turns it on. */
export function InboundSetup({ setup }: { setup: TInboundSetup }) {
  const { smtp, http, imap } = setup;
  return (
    <section aria-labelledby="inbound-setup-heading" className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm dark:border-slate-800 dark:bg-slate-900">
      <h2 id="inbound-setup-heading" className="text-base font-semibold">Set-up</h2>
      <dl data-testid="inbound-setup" className="mt-2 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1.5 text-sm">
        <dt className="text-slate-600 dark:text-slate-400">Addresses</dt>
        <dd>{setup.addresses.join(", ")} <span className="text-slate-600 dark:text-slate-400">(and their plus-addressed forms)</span></dd>
        <dt className="text-slate-600 dark:text-slate-400">Reply-To of our mails</dt>
        <dd><code>{setup.replyTo}</code></dd>
        <Door name="SMTP listener" enabled={smtp.enabled} off="set HELPDESK_INBOUND_SMTP_PORT">
          port <code>{smtp.port}</code>
        </Door>
        <Door name="HTTP route" enabled={http.enabled} off="set HELPDESK_INBOUND_SECRET">
          <code>POST {http.path}</code> (raw message/rfc822)
        </Door>
        <Door name="IMAP polling" enabled={imap.enabled} off="set HELPDESK_IMAP_URL">
          <code>{imap.host}</code>, mailbox <code>{imap.mailbox}</code>, every {imap.pollSeconds} s
        </Door>
      </dl>
    </section>
  );
}

function Door({ name, enabled, off, children }: { name: string; enabled: boolean; off: string; children: ReactNode }) {
  return (
    <>
      <dt className="text-slate-600 dark:text-slate-400">{name}</dt>
      <dd data-testid={`door-${name}`}>
        {enabled ? (
          <><span className="font-medium text-emerald-800 dark:text-emerald-300">On</span> · {children}</>
        ) : (
          <><span className="font-medium">Off</span> <span className="text-slate-600 dark:text-slate-400">({off})</span></>
        )}
      </dd>
    </>
  );
}
