import type { Session } from "next-auth";
import { SignOutButton } from "./sign-out-button";

export function AppHeader({ user }: { user: NonNullable<Session["user"]> }) {
  return (
    <header className="flex items-center justify-between border-b border-slate-200 bg-white px-6 py-3 dark:border-slate-800 dark:bg-slate-900">
      <span className="text-base font-semibold">Helpdesk</span>
      <div className="flex items-center gap-3 text-sm">
        <span data-testid="signed-in-user">
          {user.name} <span className="text-slate-500 dark:text-slate-400">({user.email})</span>
        </span>
        <span className="rounded-full bg-indigo-100 px-2 py-0.5 text-xs font-medium text-indigo-800 dark:bg-indigo-950 dark:text-indigo-200" data-testid="signed-in-role">
          {user.role}
        </span>
        <SignOutButton />
      </div>
    </header>
  );
}
