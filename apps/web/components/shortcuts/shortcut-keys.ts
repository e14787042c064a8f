/** The console's keyboard shortcuts, as the `?` sheet lists them (the README's list follows this one). */
export const SHORTCUT_GROUPS = [
  {
    id: "inbox",
    title: "Inbox",
    shortcuts: [
      { keys: ["j"], does: "Move down the list" },
      { keys: ["k"], does: "Move up the list" },
      { keys: ["Enter"], does: "Open the selected ticket" },
      { keys: ["/"], does: "Search" },
      { keys: ["x"], does: "Select the ticket for a bulk action" },
    ],
  },
  {
    id: "ticket",
    title: "Ticket page",
    shortcuts: [
      { keys: ["r"], does: "Reply" },
      { keys: ["n"], does: "Add an internal note" },
      { keys: ["f"], does: "Forward" },
      { keys: ["Ctrl/Cmd", "Enter"], does: "Send" },
    ],
  },
  {
    id: "anywhere",
    title: "Anywhere",
    shortcuts: [
      { keys: ["?"], does: "Show these shortcuts" },
      { keys: ["Esc"], does: "Close a dialog or menu" },
    ],
  },
] as const;

/**
 * Whether a key press belongs to what has focus rather than to the page's single-key shortcuts: typing in a field,
 * a modified key (the browser's and the system's), or anything inside an open dialog or menu.
 */
export function isForFocusedElement(event: KeyboardEvent): boolean {
  if (event.metaKey || event.ctrlKey || event.altKey) return true;
  const target = event.target instanceof Element ? event.target : null;
  // A checkbox (an inbox row's) is no field to type in: after clicking one, the keys still work.
  return Boolean(target?.closest("input:not([type=checkbox]), textarea, select, [contenteditable=''], [contenteditable=true], [role=dialog], [role=menu]"));
}

const OPEN_EVENT = "helpdesk:open-shortcuts";

/** Opens the sheet from a button or menu item (the sheet is mounted once, in the console layout). */
export function openShortcutSheet() {
  window.dispatchEvent(new Event(OPEN_EVENT));
}

export function onOpenShortcutSheet(listener: () => void): () => void {
  window.addEventListener(OPEN_EVENT, listener);
  return () => window.removeEventListener(OPEN_EVENT, listener);
}
