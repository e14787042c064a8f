import Link from "next/link";
import type { Session } from "next-auth";
import { MainNav } from "./main-nav";
import { ShortcutsButton } from "./shortcuts/shortcuts-button";
import { SignOutButton } from "./sign-out-button";
import { ThemeToggle } from "./theme-toggle";

/** The console's header; it fits a 390 px wide phone (the links fold into MainNav's menu below the lg breakpoint). */
export function AppHeader({ user }: { user: NonNullable<Session["user"]> }) {
  return (
    <header className="sticky top-0 z-20 border-b border-slate-200 bg-white/90 backdrop-blur dark:border-slate-800 dark:bg-slate-900/90">
      <div className="flex items-center gap-2 px-3 py-2.5 sm:gap-6 sm:px-6">
        <Link href="/" className="text-base font-semibold tracking-tight">
          Helpdesk
        </Link>
        <MainNav user={user} />
        <div className="ml-auto flex min-w-0 items-center gap-1 text-sm sm:gap-2">
          <span data-testid="signed-in-user" className="hidden truncate xl:inline">
            {user.name} <span className="text-slate-600 dark:text-slate-400">({user.email})</span>
          </span>
          <span className="rounded-full bg-indigo-100 px-2 py-0.5 text-xs font-medium text-indigo-800 dark:bg-indigo-950 dark:text-indigo-200" data-testid="signed-in-role">
            {user.role}
          </span>
          <ShortcutsButton />
          <ThemeToggle />
          <SignOutButton />
        </div>
      </div>
    </header>
  );
}
