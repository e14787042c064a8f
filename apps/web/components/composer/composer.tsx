"use client";

import type { TMessage, TRenderedMacro, TTicket } from "@helpdesk/validators";
import type { Editor } from "@tiptap/react";
import dynamic from "next/dynamic";
import { useRef, useState, type KeyboardEvent } from "react";
import { toast } from "sonner";
import { useTypingPresence } from "@/components/presence/use-typing";
import { CLIENT_STATUSES } from "@/components/ticket/ticket-fields";
import { AlsoSetSummary } from "./also-set-summary";
import { AddressInput, emptyAddressDraft, settleAddresses, type AddressDraft } from "./address-input";
import { AttachmentList, uploadFile, type UploadState } from "./attachments";
import { HeldReply } from "./held-reply";
import { MacroPicker } from "./macro-picker";
import { ticketUpdateOf, withMacro, type StatusChoice } from "./ticket-update";
import { UndoBar, undoable } from "./undo-bar";
import { draftOfMessage, useDraft, type ComposerMode, type Draft } from "./use-draft";
import { useModeShortcuts } from "./use-mode-shortcuts";
import { useSend, type SendInput } from "./use-send";

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

const SENT_TOAST: Record<ComposerMode, string> = { reply: "Reply sent", note: "Note added", forward: "Forwarded" };

export function Composer({ ticket }: { ticket: TTicket }) {
  const drafts = useDraft(ticket.id);
  const { draft, update } = drafts;
  const mode = draft.mode;
  const [sendEmail, setSendEmail] = useState(true);
  const [typedCcs, setTypedCcs] = useState<AddressDraft>(emptyAddressDraft);
  const [typedRecipients, setTypedRecipients] = useState<AddressDraft>(emptyAddressDraft);
  const [uploads, setUploads] = useState<UploadState[]>([]);
  const [justSent, setJustSent] = useState<ReturnType<typeof undoable>>(null);
  // The files of the last send: an undo gives them back to the composer (the message answers no upload tokens).
  const sentFiles = useRef<Draft["files"]>([]);
  const typing = useTypingPresence(ticket.id);
  const [pickingMacro, setPickingMacro] = useState(false);
  const editor = useRef<Editor | null>(null);
  // A shortcut that changes the mode remounts the editor (it is keyed by mode): the new one takes the focus.
  const focusWhenReady = useRef(false);

  function editorReady(instance: Editor) {
    editor.current = instance;
    if (focusWhenReady.current) {
      focusWhenReady.current = false;
      instance.commands.focus("end");
    }
  }
  function switchMode(next: ComposerMode) {
    update({ mode: next });
    sender.clearError();
  }
  useModeShortcuts((next) => {
    if (next === mode && editor.current && !editor.current.isDestroyed) return void editor.current.commands.focus("end");
    focusWhenReady.current = true;
    switchMode(next);
  });

  /** A chosen macro: its text at the cursor (or as the whole message when there is none yet), its fields pending. */
  function insertMacro(macro: TRenderedMacro) {
    const instance = editor.current;
    if (!instance || instance.isDestroyed) return;
    if (instance.isEmpty) instance.chain().setContent(macro.content).focus("end").run();
    else instance.chain().focus().insertContent(macro.content).run();
    update((current) => withMacro(current, macro));
  }

  function edited(html: string) {
    update({ html });
    typing(html === "" ? null : mode === "note" ? "note" : "reply");
  }

  function sent(message: TMessage) {
    typing(null);
    drafts.sent();
    setSendEmail(true);
    const undoWindow = undoable(message);
    setJustSent(undoWindow);
    if (!undoWindow) toast.success(SENT_TOAST[mode]);
  }
  const sender = useSend(ticket.id, draft.html !== "", { prepare: drafts.flush, onSent: sent });

  /** The message as the API takes it; only a reply may leave out its email (a forward is its email). */
  function messageOf(current: Draft): SendInput {
    const ticketUpdate = ticketUpdateOf(current);
    return {
      type: current.mode === "note" ? "note" : "response",
      content: current.html,
      is_forward: current.mode === "forward",
      send_email: current.mode === "reply" ? sendEmail : current.mode === "forward",
      ...(current.mode !== "note" && current.ccs.length ? { ccs: current.ccs } : {}),
      ...(current.mode === "forward" ? { recipients: current.recipients } : {}),
      ...(current.files.length ? { attachments: current.files.map(({ token, name, size }) => ({ token, name, size })) } : {}),
      ...(ticketUpdate ? { ticket_update: ticketUpdate } : {}),
    };
  }

  /** Typed addresses become chips before sending; a refused one (or a forward to nobody) stops the send. */
  function settleTyped(): Draft | null {
    const ccs = mode === "note" ? { addresses: draft.ccs } : settleAddresses(draft.ccs, typedCcs.text);
    const recipients = mode === "forward" ? settleAddresses(draft.recipients, typedRecipients.text) : { addresses: draft.recipients };
    if ("refused" in ccs) setTypedCcs({ text: typedCcs.text, refused: ccs.refused });
    if ("refused" in recipients) setTypedRecipients({ text: typedRecipients.text, refused: recipients.refused });
    else if (mode === "forward" && recipients.addresses.length === 0) setTypedRecipients({ text: "", refused: "Add at least one recipient to forward to." });
    if ("refused" in ccs || "refused" in recipients || (mode === "forward" && recipients.addresses.length === 0)) return null;
    if (typedCcs.text) setTypedCcs(emptyAddressDraft);
    if (typedRecipients.text) setTypedRecipients(emptyAddressDraft);
    if (ccs.addresses === draft.ccs && recipients.addresses === draft.recipients) return draft;
    update({ ccs: ccs.addresses, recipients: recipients.addresses });
    return { ...draft, ccs: ccs.addresses, recipients: recipients.addresses };
  }

  function submit() {
    if (sender.pending || !draft.html || uploads.some((upload) => !upload.error)) return;
    const ready = settleTyped();
    if (!ready) return;
    sentFiles.current = ready.files;
    void sender.send(messageOf(ready));
  }
  function onKeyDown(event: KeyboardEvent<HTMLFormElement>) {
    // The editor handles its own Ctrl/Cmd+Enter (and prevents the default); this covers every other field.
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey) && !event.defaultPrevented) {
      event.preventDefault();
      submit();
    }
  }

  async function discard() {
    typing(null);
    await drafts.discard();
    sender.startOver();
    setTypedCcs(emptyAddressDraft);
    setTypedRecipients(emptyAddressDraft);
  }

  function undone(message: TMessage) {
    setJustSent(null);
    sender.startOver();
    drafts.restore(draftOfMessage(message, message.attachments.length ? sentFiles.current : []));
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

  const fields = sender.error?.fields ?? {};
  const fieldErrors = (prefix: string) => Object.entries(fields).filter(([key]) => key === prefix || key.startsWith(`${prefix}.`)).flatMap(([, messages]) => messages);
  const attachmentErrors = Object.fromEntries(draft.files.map((_, index) => [index, fieldErrors(`attachments.${index}`)]).filter(([, m]) => (m as string[]).length));
  const general = sender.error && Object.keys(fields).length === 0 ? sender.error.message : null;
  const action = mode === "note" ? "Add note" : mode === "forward" ? "Forward" : "Send";
  const setStatus = draft.setStatus;

  return (
    <div className="space-y-3">
      {sender.held && (
        <HeldReply ticket={ticket} messageIds={sender.held} sending={sender.pending} onSendAnyway={() => void sender.sendAnyway(messageOf(draft))} onEdit={sender.edit} />
      )}
      {justSent && <UndoBar message={justSent} onClose={() => setJustSent(null)} onUndone={undone} />}
      <form onSubmit={(event) => { event.preventDefault(); submit(); }} onKeyDown={onKeyDown} aria-label="Composer" className={`space-y-3 rounded-xl border p-4 shadow-sm ${mode === "note" ? "border-amber-300 bg-amber-50/60 dark:border-amber-800 dark:bg-amber-950/30" : "border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900"}`}>
        <div role="tablist" aria-label="Message kind" className="flex gap-1">
          {MODES.map((item) => (
            <button key={item.mode} type="button" role="tab" aria-selected={mode === item.mode} onClick={() => switchMode(item.mode)} className={`rounded-md px-3 py-1.5 text-sm font-medium ${mode === item.mode ? "bg-slate-900 text-white dark:bg-white dark:text-slate-900" : "text-slate-700 hover:bg-slate-100 dark:text-slate-300 dark:hover:bg-slate-800"}`}>
              {item.label}
            </button>
          ))}
        </div>
        {mode === "note" && <p className="text-xs text-amber-900 dark:text-amber-200">Internal notes are visible to your team only, never to the customer.</p>}
        {mode === "forward" && <AddressInput label="Forward to" addresses={draft.recipients} onChange={(recipients) => update({ recipients })} typed={typedRecipients} onTypedChange={setTypedRecipients} errors={fieldErrors("recipients")} />}
        {mode === "reply" && <p className="text-xs text-slate-600 dark:text-slate-400">To: {ticket.requesterName ? `${ticket.requesterName} <${ticket.requesterEmail}>` : ticket.requesterEmail}</p>}
        {mode !== "note" && <AddressInput label="Cc" addresses={draft.ccs} onChange={(ccs) => update({ ccs })} typed={typedCcs} onTypedChange={setTypedCcs} errors={fieldErrors("ccs")} />}
        {drafts.ready && (
          <RichTextEditor key={`${ticket.id}:${mode}:${drafts.epoch}`} html={draft.html} label={`${MODES.find((m) => m.mode === mode)?.label} text`} placeholder={mode === "note" ? "Write a note for your team…" : "Write your reply…"} invalid={fieldErrors("content").length > 0}
            onChange={(html, isEmpty) => edited(isEmpty ? "" : html)} onSubmit={submit} onSlash={() => setPickingMacro(true)} onReady={editorReady} />
        )}
        {fieldErrors("content").length > 0 && <p role="alert" className="text-xs text-red-700 dark:text-red-300">{fieldErrors("content").join(" ")}</p>}
        <AlsoSetSummary alsoSet={draft.alsoSet} onChange={(alsoSet) => update({ alsoSet })} />
        <AttachmentList files={draft.files} uploads={uploads} onRemove={(token) => update({ files: draft.files.filter((f) => f.token !== token) })} errors={attachmentErrors} />
        {general && <p role="alert" data-testid="composer-error" className="rounded-lg bg-red-50 px-3 py-2 text-sm text-red-800 dark:bg-red-950 dark:text-red-200">{general}</p>}
        {drafts.notice && <p role="status" data-testid="draft-notice" className="text-xs text-slate-700 dark:text-slate-300">{drafts.notice}</p>}
        <div className="flex flex-wrap items-center gap-3">
          <label className="inline-flex cursor-pointer items-center gap-1 text-sm text-slate-700 dark:text-slate-300">
            <input type="file" multiple className="sr-only" onChange={(event) => { void attach(event.target.files); event.target.value = ""; }} />
            <span className="rounded-md px-2 py-1 hover:bg-slate-100 dark:hover:bg-slate-800">+ Attach files</span>
          </label>
          <MacroPicker ticketId={ticket.id} open={pickingMacro} onOpenChange={setPickingMacro} onChosen={insertMacro} onClosed={() => editor.current?.commands.focus()} />
          {mode === "reply" && (
            <label className="inline-flex items-center gap-2 text-sm">
              <input type="checkbox" checked={sendEmail} onChange={(event) => setSendEmail(event.target.checked)} />
              Send email
            </label>
          )}
          {drafts.saved && draft.html && <span className="text-xs text-slate-600 dark:text-slate-400">Draft saved</span>}
          {(draft.html || draft.files.length > 0) && (
            <button type="button" onClick={() => void discard()} className="rounded-md px-2 py-1 text-sm text-slate-700 hover:bg-slate-100 dark:text-slate-300 dark:hover:bg-slate-800">Discard</button>
          )}
          <label className="ml-auto text-sm">
            <span className="sr-only">Then set status</span>
            <select value={setStatus} onChange={(event) => update({ setStatus: event.target.value as StatusChoice })} className="rounded-lg border border-slate-300 bg-white px-2 py-1.5 text-sm dark:border-slate-700 dark:bg-slate-900">
              <option value="">Keep status ({ticket.status})</option>
              {CLIENT_STATUSES.filter((s) => s !== "new").map((s) => <option key={s} value={s}>and set {s[0]?.toUpperCase() + s.slice(1)}</option>)}
            </select>
          </label>
          <button type="submit" disabled={sender.pending || !draft.html} title="Ctrl+Enter" className="rounded-lg bg-indigo-600 px-4 py-2 text-sm font-semibold text-white hover:bg-indigo-700 focus:outline-none focus-visible:ring-2 focus-visible:ring-indigo-500 focus-visible:ring-offset-2 disabled:opacity-50">
            {sender.pending ? "Sending…" : setStatus ? `${action} and set ${setStatus[0]?.toUpperCase()}${setStatus.slice(1)}` : action}
          </button>
        </div>
      </form>
    </div>
  );
}
