"use client";

import * as DropdownMenu from "@radix-ui/react-dropdown-menu";
import { ZTicketPriority, ZTicketStatus } from "@helpdesk/validators";
import { type ReactNode, useRef } from "react";
import { Button } from "@/components/ui/button";
import { MENU_CONTENT, MENU_ITEM, MenuSeparator } from "@/components/ui/menu";
import { capitalized } from "@/components/ui/select";
import type { BulkChanges } from "./bulk-changes";

// Only the automation closes tickets: `closed` is never offered.
const STATUSES = ZTicketStatus.options.filter((status) => status !== "closed");
const NO_ASSIGNEE = "none";

/** A submenu whose items are one choice among several, the chosen one marked. */
function ChoiceMenu({ label, value, choices, onChoose }: {
  label: string;
  value: string | undefined;
  choices: { value: string; label: ReactNode }[];
  onChoose: (value: string) => void;
}) {
  return (
    <DropdownMenu.Sub>
      <DropdownMenu.SubTrigger className={MENU_ITEM}>
        {label} <span aria-hidden="true" className="ml-auto">▸</span>
      </DropdownMenu.SubTrigger>
      <DropdownMenu.Portal>
        <DropdownMenu.SubContent sideOffset={4} className={`${MENU_CONTENT} max-h-80 overflow-y-auto`}>
          <DropdownMenu.RadioGroup value={value ?? ""} onValueChange={onChoose}>
            {choices.map((choice) => (
              <DropdownMenu.RadioItem key={choice.value} value={choice.value} className={MENU_ITEM}>
                <span aria-hidden="true" className="w-3">
                  <DropdownMenu.ItemIndicator>✓</DropdownMenu.ItemIndicator>
                </span>
                {choice.label}
              </DropdownMenu.RadioItem>
            ))}
          </DropdownMenu.RadioGroup>
        </DropdownMenu.SubContent>
      </DropdownMenu.Portal>
    </DropdownMenu.Sub>
  );
}

/** The bulk bar's menu: each choice becomes a pending change, sent with the others by Apply. */
export function BulkMenu({ changes, meId, assignees, onChange, onAddTags }: {
  changes: BulkChanges;
  meId: string;
  /** Everyone who can be assigned except the caller, who is offered as "Me". */
  assignees: { id: string; name: string }[];
  onChange: (changes: BulkChanges) => void;
  /** "Add tags…": the bar shows its tags field (focus goes there once the menu has closed). */
  onAddTags: () => void;
}) {
  // Set by "Add tags…" for the close that follows it: focus goes to the tags field, not back to the trigger.
  const addingTags = useRef(false);
  const assignee = changes.assignee_id === null ? NO_ASSIGNEE : changes.assignee_id;
  return (
    <DropdownMenu.Root modal={false}>
      <DropdownMenu.Trigger asChild>
        <Button variant="secondary" size="sm">
          Change <span aria-hidden="true">▾</span>
        </Button>
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content
          align="start"
          sideOffset={6}
          className={MENU_CONTENT}
          onCloseAutoFocus={(event) => {
            if (!addingTags.current) return;
            addingTags.current = false;
            event.preventDefault();
            onAddTags();
          }}
        >
          <ChoiceMenu
            label="Assign to…"
            value={assignee}
            choices={[{ value: meId, label: "Me" }, { value: NO_ASSIGNEE, label: "Unassigned" }, ...assignees.map((user) => ({ value: user.id, label: user.name }))]}
            onChoose={(value) => onChange({ ...changes, assignee_id: value === NO_ASSIGNEE ? null : value })}
          />
          <ChoiceMenu
            label="Set status"
            value={changes.status}
            choices={STATUSES.map((status) => ({ value: status, label: capitalized(status) }))}
            onChoose={(value) => onChange({ ...changes, status: value as BulkChanges["status"] })}
          />
          <ChoiceMenu
            label="Set priority"
            value={changes.priority}
            choices={ZTicketPriority.options.map((priority) => ({ value: priority, label: capitalized(priority) }))}
            onChoose={(value) => onChange({ ...changes, priority: value as BulkChanges["priority"] })}
          />
          <MenuSeparator />
          <DropdownMenu.Item className={MENU_ITEM} onSelect={() => { addingTags.current = true; }}>
            Add tags…
          </DropdownMenu.Item>
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
}
