"use client";

import type { TTicket } from "@helpdesk/validators";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import dynamic from "next/dynamic";
import { useRef, useState, type FormEvent } from "react";
import { toast } from "sonner";
import { CLIENT_STATUSES } from "@/components/ticket/ticket-fields";
import { toApiError, type ApiError } from "@/lib/api-error";
import { useTRPC } from "@/lib/trpc";
import { AddressInput } from "./address-input";
import { AttachmentList, uploadFile, type UploadState } from "./attachments";
import { useDraft, type ComposerMode } from "./use-draft";

// The editor (ProseMirror) is most of the page's JavaScript: the conversation shows without waiting for it.
const RichTextEditor = dynamic(() => import("./rich-text-editor").then((module) => module.RichTextEditor), {
  ssr: false,
  loading: () => <div className="h-[10.5rem] rounded-lg border border-slate-300 dark:border-slate-700" aria-hidden />,
});

const MODES: { mode: ComposerMode; label: string }[] = [
  { mode: "reply", label: "Reply" },
  { mode: "note", label: "Internal note" },
  { mode: "forward", label: "Forward" },
];

export function Composer({ ticket }: { ticket: TTicket }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [mode, setMode] = useState<ComposerMode>("reply");
  const { draft, update, clear, ready } = useDraft(ticket.id, mode);
  const [setStatus, setSetStatus] = useState<(typeof CLIENT_STATUSES)[number] | "">("");
  const [uploads, setUploads] = useState<UploadState[]>([]);
  const [error, setError] = useState<ApiError | null>(null);
  // A second click can arrive before React re-renders the button as disabled; this guard sees it at once.
  const sending = useRef(false);

  const send = useMutation(
    trpc.message.create.mutationOptions({
      onSuccess: () => {
        clear();
        setSetStatus("");
        setError(null);
        toast.success(mode === "note" ? "Note added" : mode === "forward" ? "Forwarded" : "Reply sent");
        void queryClient.invalidateQueries({ queryKey: trpc.message.list.pathKey() });
        void queryClient.invalidateQueries({ queryKey: trpc.ticket.byId.queryKey({ ticket_id: ticket.id }) });
      },
      onError: (failure) => setError(toApiError(failure)),
    }),
  );

  function submit(event: FormEvent) {
    event.preventDefault();
    if (sending.current || send.isPending || uploads.some((upload) => !upload.error)) return;
    sending.current = true;
    send.mutate({
      ticket_id: ticket.id,
      type: mode === "note" ? "note" : "response",
      content: draft.html,
      is_forward: mode === "forward",
      send_email: mode === "note" ? false : draft.sendEmail,
      ...(mode !== "note" && draft.ccs.length ? { ccs: draft.ccs } : {}),
      ...(mode === "forward" ? { recipients: draft.recipients } : {}),
      ...(draft.files.length ? { attachments: draft.files.map(({ token, name, size }) => ({ token, name, size })) } : {}),
      ...(setStatus ? { ticket_update: { status: setStatus } } : {}),
      idempotency_key: draft.key,
    }, { onSettled: () => { sending.current = false; } });
  }

  async function attach(files: FileList | null) {
    for (const file of Array.from(files ?? [])) {
      setUploads((current) => [...current, { name: file.name, progress: 0 }]);
      const progress = (fraction: number) => setUploads((current) => current.map((u) => (u.name === file.name ? { ...u, progress: fraction } : u)));
      try {
        const uploaded = await uploadFile(file, progress);
        update((current) => ({ files: [...current.files, uploaded] }));
        setUploads((current) => current.filter((u) => u.name !== file.name));
      } catch (failure) {
        setUploads((current) => current.map((u) => (u.name === file.name ? { ...u, error: (failure as Error).message } : u)));
      }
    }
  }

  const fields = error?.fields ?? {};
  const fieldErrors = (prefix: string) => Object.entries(fields).filter(([key]) => key === prefix || key.startsWith(`${prefix}.`)).flatMap(([, messages]) => messages);
  const attachmentErrors = Object.fromEntries(draft.files.map((_, index) => [index, fieldErrors(`attachments.${index}`)]).filter(([, m]) => (m as string[]).length));
  const general = error && Object.keys(fields).length === 0 ? error.message : null;
  const action = mode === "note" ? "Add note" : mode === "forward" ? "Forward" : "Send";

  return (
    <form onSubmit={submit} aria-label="Composer" className={`space-y-3 rounded-xl border p-4 shadow-sm ${mode === "note" ? "border-amber-300 bg-amber-50/60 dark:border-amber-800 dark:bg-amber-950/30" : "border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900"}`}>
      <div role="tablist" aria-label="Message kind" className="flex gap-1">
        {MODES.map((item) => (
          <button key={item.mode} type="button" role="tab" aria-selected={mode === item.mode} onClick={() => { setMode(item.mode); setError(null); }} className={`rounded-md px-3 py-1.5 text-sm font-medium ${mode === item.mode ? "bg-slate-900 text-white dark:bg-white dark:text-slate-900" : "text-slate-700 hover:bg-slate-100 dark:text-slate-300 dark:hover:bg-slate-800"}`}>
            {item.label}
          </button>
        ))}
      </div>
      {mode === "note" && <p className="text-xs text-amber-900 dark:text-amber-200">Internal notes are visible to your team only, never to the customer.</p>}
      {mode === "forward" && <AddressInput label="Forward to" addresses={draft.recipients} onChange={(recipients) => update({ recipients })} errors={fieldErrors("recipients")} />}
      {mode === "reply" && <p className="text-xs text-slate-600 dark:text-slate-400">To: {ticket.requesterName ? `${ticket.requesterName} <${ticket.requesterEmail}>` : ticket.requesterEmail}</p>}
      {mode !== "note" && <AddressInput label="Cc" addresses={draft.ccs} onChange={(ccs) => update({ ccs })} errors={fieldErrors("ccs")} />}
      {ready && (
        <RichTextEditor key={`${ticket.id}:${mode}:${draft.key}`} html={draft.html} label={`${MODES.find((m) => m.mode === mode)?.label} text`} placeholder={mode === "note" ? "Write a note for your team…" : "Write your reply…"} invalid={fieldErrors("content").length > 0}
          onChange={(html, isEmpty) => update({ html: isEmpty ? "" : html })} />
      )}
      {fieldErrors("content").length > 0 && <p role="alert" className="text-xs text-red-700 dark:text-red-300">{fieldErrors("content").join(" ")}</p>}
      <AttachmentList files={draft.files} uploads={uploads} onRemove={(token) => update({ files: draft.files.filter((f) => f.token !== token) })} errors={attachmentErrors} />
      {general && <p role="alert" data-testid="composer-error" className="rounded-lg bg-red-50 px-3 py-2 text-sm text-red-800 dark:bg-red-950 dark:text-red-200">{general}</p>}
      <div className="flex flex-wrap items-center gap-3">
        <label className="inline-flex cursor-pointer items-center gap-1 text-sm text-slate-700 dark:text-slate-300">
          <input type="file" multiple className="sr-only" onChange={(event) => { void attach(event.target.files); event.target.value = ""; }} />
          <span className="rounded-md px-2 py-1 hover:bg-slate-100 dark:hover:bg-slate-800">+ Attach files</span>
        </label>
        {mode !== "note" && (
          <label className="inline-flex items-center gap-2 text-sm">
            <input type="checkbox" checked={draft.sendEmail} onChange={(event) => update({ sendEmail: event.target.checked })} />
            Send email
          </label>
        )}
        <label className="ml-auto text-sm">
          <span className="sr-only">Then set status</span>
          <select value={setStatus} onChange={(event) => setSetStatus(event.target.value as typeof setStatus)} className="rounded-lg border border-slate-300 bg-white px-2 py-1.5 text-sm dark:border-slate-700 dark:bg-slate-900">
            <option value="">Keep status ({ticket.status})</option>
            {CLIENT_STATUSES.filter((s) => s !== "new").map((s) => <option key={s} value={s}>and set {s[0]?.toUpperCase() + s.slice(1)}</option>)}
          </select>
        </label>
        <button type="submit" disabled={send.isPending || !draft.html} className="rounded-lg bg-indigo-600 px-4 py-2 text-sm font-semibold text-white hover:bg-indigo-700 focus:outline-none focus-visible:ring-2 focus-visible:ring-indigo-500 focus-visible:ring-offset-2 disabled:opacity-50">
          {send.isPending ? "Sending…" : setStatus ? `${action} and set ${setStatus[0]?.toUpperCase()}${setStatus.slice(1)}` : action}
        </button>
      </div>
    </form>
  );
}
