// The console's dropdown menus (Radix DropdownMenu): one look for the header's Menu and the inbox's bulk menu.
import * as DropdownMenu from "@radix-ui/react-dropdown-menu";

export const MENU_CONTENT =
  "z-30 min-w-48 rounded-lg border border-slate-200 bg-white p-1 shadow-lg dark:border-slate-700 dark:bg-slate-900";
export const MENU_ITEM =
  "flex cursor-pointer items-center gap-2 rounded-md px-3 py-1.5 text-sm text-slate-800 outline-none data-[highlighted]:bg-slate-100 data-[state=open]:bg-slate-100 aria-[current=page]:font-semibold dark:text-slate-200 dark:data-[highlighted]:bg-slate-800 dark:data-[state=open]:bg-slate-800";

export function MenuSeparator() {
  return <DropdownMenu.Separator className="my-1 h-px bg-slate-200 dark:bg-slate-700" />;
}
