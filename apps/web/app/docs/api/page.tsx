import type { Metadata } from "next";
import Link from "next/link";
import { ApiReference } from "./api-reference";

export const metadata: Metadata = { title: "API reference · Helpdesk" };

// The document is public, so is this page: REST client authors need no console account to read it.
const DOCUMENT_URL = "/helpdesk/api/openapi.json";

export default function ApiDocsPage() {
  return (
    <div className="min-h-screen">
      <header className="border-b border-slate-200 bg-white px-4 py-2.5 sm:px-6 dark:border-slate-800 dark:bg-slate-900">
        <div className="flex items-center gap-6">
          <Link href="/" className="text-base font-semibold tracking-tight">
            Helpdesk
          </Link>
          <h1 className="text-sm text-slate-700 dark:text-slate-300">API reference</h1>
          <a href={DOCUMENT_URL} className="ml-auto text-sm text-indigo-700 underline dark:text-indigo-300">
            openapi.json
          </a>
        </div>
      </header>
      <main>
        <ApiReference url={DOCUMENT_URL} />
      </main>
    </div>
  );
}
