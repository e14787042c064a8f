"use client";

import { toast } from "sonner";
import { Button } from "@/components/ui/button";

/** The signing secret, right after the create: the only time anyone sees it. */
export function SecretNotice({ secret, onDismiss }: { secret: string; onDismiss: () => void }) {
  async function copy() {
    await navigator.clipboard.writeText(secret).then(
      () => toast.success("Secret copied"),
      () => toast.error("Could not copy: select the secret and copy it by hand."),
    );
  }
  return (
    <section aria-label="Signing secret" className="space-y-2 rounded-xl border border-amber-300 bg-amber-50 p-4 text-sm dark:border-amber-700 dark:bg-amber-950">
      <p className="font-medium">Copy this signing secret now: it will not be shown again.</p>
      <div className="flex flex-wrap items-center gap-2">
        <code data-testid="webhook-secret" className="break-all rounded bg-white px-2 py-1 font-mono text-xs text-slate-900 dark:bg-slate-900 dark:text-slate-100">{secret}</code>
        <Button size="sm" onClick={() => void copy()}>Copy secret</Button>
        <Button size="sm" variant="ghost" onClick={onDismiss}>I have saved it</Button>
      </div>
      <p className="text-slate-700 dark:text-slate-300">Receivers check each request's <code>Helpdesk-Signature</code> with it (see the README&apos;s Webhooks section).</p>
    </section>
  );
}
