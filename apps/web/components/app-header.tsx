import Link from "next/link";
import type { Session } from "next-auth";
import { SignOutButton } from "./sign-out-button";
import { ThemeToggle } from "./theme-toggle";

export function AppHeader({ user }: { user: NonNullable<Session["user"]> }) {
  const links = [
    { href: "/", label: "Inbox" },
    { href: "/outbox", label: "Outbox" },
    ...(user.role === "admin" ? [{ href: "/users", label: "Users" }, { href: "/inbound", label: "Inbound" }, { href: "/webhooks", label: "Webhooks" }] : []),
    { href: "/docs/api", label: "API" },
  ];
  return (
    <header className="sticky top-0 z-20 border-b border-slate-200 bg-white/90 backdrop-blur dark:border-slate-800 dark:bg-slate-900/90">
      <div className="flex items-center gap-6 px-4 py-2.5 sm:px-6">
        <Link href="/" className="text-base font-semibold tracking-tight">
          Helpdesk
        </Link>
        <nav aria-label="Main" className="flex items-center gap-1 text-sm">
          {links.map((link) => (
            <Link key={link.href} href={link.href} className="rounded-md px-2.5 py-1.5 text-slate-700 hover:bg-slate-100 dark:text-slate-300 dark:hover:bg-slate-800">
              {link.label}
            </Link>
          ))}
        </nav>
        <div className="ml-auto flex items-center gap-2 text-sm">
          <span data-testid="signed-in-user" className="hidden sm:inline">
            {user.name} <span className="text-slate-600 dark:text-slate-400">({user.email})</span>
          </span>
          <span className="rounded-full bg-indigo-100 px-2 py-0.5 text-xs font-medium text-indigo-800 dark:bg-indigo-950 dark:text-indigo-200" data-testid="signed-in-role">
            {user.role}
          </span>
          <ThemeToggle />
          <SignOutButton />
        </div>
      </div>
    </header>
  );
}
