"use client";

import * as DropdownMenu from "@radix-ui/react-dropdown-menu";
import type { TSessionUser } from "@helpdesk/validators";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { openShortcutSheet } from "@/components/shortcuts/shortcut-keys";
import { Button } from "@/components/ui/button";
import { MENU_CONTENT, MENU_ITEM, MenuSeparator } from "@/components/ui/menu";
import { isCurrent, navLinks } from "./nav-links";


/**
 * The main navigation: a row of links on wide screens, a "Menu" button with the same links below the lg breakpoint
 * (a phone-width header has room for the name, the menu, the role, the theme and Sign out, not for seven links).
 */
export function MainNav({ user }: { user: TSessionUser }) {
  const pathname = usePathname();
  const links = navLinks(user.role);
  return (
    <nav aria-label="Main" className="flex items-center text-sm">
      <ul className="hidden items-center gap-1 lg:flex">
        {links.map((link) => (
          <li key={link.href}>
            <Link
              href={link.href}
              aria-current={isCurrent(link, pathname) ? "page" : undefined}
              className="rounded-md px-2.5 py-1.5 text-slate-700 hover:bg-slate-100 aria-[current=page]:bg-slate-100 aria-[current=page]:font-semibold aria-[current=page]:text-slate-900 dark:text-slate-300 dark:hover:bg-slate-800 dark:aria-[current=page]:bg-slate-800 dark:aria-[current=page]:text-white"
            >
              {link.label}
            </Link>
          </li>
        ))}
      </ul>
      <DropdownMenu.Root modal={false}>
        <DropdownMenu.Trigger asChild>
          <Button variant="secondary" size="md" className="lg:hidden">
            Menu <span aria-hidden="true">▾</span>
          </Button>
        </DropdownMenu.Trigger>
        <DropdownMenu.Portal>
          <DropdownMenu.Content
            align="start"
            sideOffset={6}
            className={MENU_CONTENT}
          >
            <DropdownMenu.Label className="px-3 py-2 text-xs text-slate-600 dark:text-slate-400">
              {user.name} · {user.email}
            </DropdownMenu.Label>
            <MenuSeparator />
            {links.map((link) => (
              <DropdownMenu.Item key={link.href} asChild>
                <Link href={link.href} aria-current={isCurrent(link, pathname) ? "page" : undefined} className={MENU_ITEM}>
                  {link.label}
                </Link>
              </DropdownMenu.Item>
            ))}
            <MenuSeparator />
            <DropdownMenu.Item onSelect={openShortcutSheet} className={MENU_ITEM}>
              Keyboard shortcuts <kbd className="ml-1 font-mono text-xs text-slate-600 dark:text-slate-400">?</kbd>
            </DropdownMenu.Item>
          </DropdownMenu.Content>
        </DropdownMenu.Portal>
      </DropdownMenu.Root>
    </nav>
  );
}
