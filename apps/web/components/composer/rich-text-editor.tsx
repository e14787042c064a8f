"use client";

import { EditorContent, Extension, useEditor, type Editor } from "@tiptap/react";
import StarterKit from "@tiptap/starter-kit";
import { Placeholder } from "@tiptap/extensions";
import { useEffect, useRef } from "react";

/** Ctrl/Cmd+Enter sends, ahead of the hard break StarterKit binds to the same keys. */
const SubmitShortcut = Extension.create<{ onSubmit: () => void }>({
  name: "submitShortcut",
  priority: 1000,
  addOptions: () => ({ onSubmit: () => {} }),
  addKeyboardShortcuts() {
    return { "Mod-Enter": () => { this.options.onSubmit(); return true; } };
  },
});

/** `/` typed into an empty editor asks for a macro (and is not typed); anywhere else it is just a slash. */
const SlashCommand = Extension.create<{ onSlash: (() => void) | null }>({
  name: "slashCommand",
  addOptions: () => ({ onSlash: null }),
  addKeyboardShortcuts() {
    return {
      "/": () => {
        if (!this.options.onSlash || !this.editor.isEmpty) return false;
        this.options.onSlash();
        return true;
      },
    };
  },
});

export function RichTextEditor({ html, onChange, onSubmit, onSlash, onReady, label, placeholder, invalid }: {
  html: string;
  onChange: (html: string, isEmpty: boolean) => void;
  onSubmit: () => void;
  /** Called for `/` in an empty editor (the composer's macro picker); without it `/` is typed as usual. */
  onSlash?: () => void;
  /** Hands the editor to its owner once it exists (to insert a macro, or to focus it from a shortcut). */
  onReady?: (editor: Editor) => void;
  label: string;
  placeholder: string;
  invalid?: boolean;
}) {
  // The editor is built once; the refs hand its shortcuts the owner's current callbacks.
  const submit = useRef(onSubmit);
  submit.current = onSubmit;
  const slash = useRef(onSlash);
  slash.current = onSlash;
  const editor = useEditor({
    immediatelyRender: false,
    extensions: [
      StarterKit.configure({ link: { openOnClick: false, autolink: true } }),
      Placeholder.configure({ placeholder }),
      SubmitShortcut.configure({ onSubmit: () => submit.current() }),
      SlashCommand.configure({ onSlash: onSlash ? () => slash.current?.() : null }),
    ],
    content: html,
    editorProps: { attributes: { "aria-label": label, "aria-multiline": "true", role: "textbox", class: "px-3 py-2 text-sm" } },
    onUpdate: ({ editor: current }) => onChange(current.getHTML(), current.isEmpty),
  });
  const ready = useRef(onReady);
  ready.current = onReady;
  useEffect(() => {
    if (editor) ready.current?.(editor);
  }, [editor]);
  return (
    <div className={`rounded-lg border bg-white dark:bg-slate-950 ${invalid ? "border-red-500" : "border-slate-300 dark:border-slate-700"}`}>
      <Toolbar editor={editor} />
      <EditorContent editor={editor} />
    </div>
  );
}

function Toolbar({ editor }: { editor: Editor | null }) {
  if (!editor) return <div className="h-9 border-b border-slate-200 dark:border-slate-800" />;
  const chain = () => editor.chain().focus();
  const buttons: [string, string, () => void, boolean][] = [
    ["B", "Bold", () => chain().toggleBold().run(), editor.isActive("bold")],
    ["I", "Italic", () => chain().toggleItalic().run(), editor.isActive("italic")],
    ["•", "Bulleted list", () => chain().toggleBulletList().run(), editor.isActive("bulletList")],
    ["1.", "Numbered list", () => chain().toggleOrderedList().run(), editor.isActive("orderedList")],
    ["❝", "Quote", () => chain().toggleBlockquote().run(), editor.isActive("blockquote")],
    ["</>", "Code", () => chain().toggleCode().run(), editor.isActive("code")],
    ["Link", "Link", () => {
      const url = window.prompt("Link address", editor.getAttributes("link").href ?? "https://");
      if (url === null) return;
      if (url === "") chain().unsetLink().run();
      else chain().extendMarkRange("link").setLink({ href: url }).run();
    }, editor.isActive("link")],
  ];
  return (
    <div role="toolbar" aria-label="Formatting" className="flex gap-0.5 border-b border-slate-200 px-1.5 py-1 dark:border-slate-800">
      {buttons.map(([text, title, run, active]) => (
        <button key={title} type="button" title={title} aria-pressed={active} onClick={run} className={`min-w-7 rounded px-1.5 py-0.5 text-sm ${active ? "bg-slate-200 dark:bg-slate-700" : "hover:bg-slate-100 dark:hover:bg-slate-800"}`}>
          <span aria-hidden="true">{text}</span>
          <span className="sr-only">{title}</span>
        </button>
      ))}
    </div>
  );
}
