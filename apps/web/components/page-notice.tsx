import Link from "next/link";
import type { ReactNode } from "react";
import { Button } from "./ui/button";

/** A full-page notice in place of a page that cannot be shown (not found, not for this role), with a way back. */
export function PageNotice({ title, children, code }: { title: string; children: ReactNode; code: string }) {
  return (
    <div className="flex justify-center px-4 py-16 sm:py-24">
      <section aria-labelledby="page-notice-title" className="w-full max-w-md rounded-xl border border-slate-200 bg-white p-6 text-center shadow-sm dark:border-slate-800 dark:bg-slate-900">
        <p className="font-mono text-sm font-semibold text-indigo-700 dark:text-indigo-300">{code}</p>
        <h1 id="page-notice-title" className="mt-2 text-xl font-semibold tracking-tight">
          {title}
        </h1>
        <div className="mt-2 text-sm text-slate-700 dark:text-slate-300">{children}</div>
        <Button asChild variant="primary" className="mt-6">
          <Link href="/">Back to the inbox</Link>
        </Button>
      </section>
    </div>
  );
}

/** What an unknown address and an unknown ticket show. */
export function NotFoundNotice() {
  return (
    <PageNotice code="404" title="This page does not exist">
      <p>The link may be mistyped, or what it pointed to may be gone.</p>
    </PageNotice>
  );
}
