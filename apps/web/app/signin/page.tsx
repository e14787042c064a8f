import { redirect } from "next/navigation";
import { getSession } from "@/lib/auth";
import { SignInForm } from "./sign-in-form";

export const dynamic = "force-dynamic";

export default async function SignInPage() {
  if ((await getSession())?.user) redirect("/");
  return (
    <main className="flex min-h-screen items-center justify-center px-4">
      <div className="w-full max-w-sm rounded-2xl border border-slate-200 bg-white p-8 shadow-sm dark:border-slate-800 dark:bg-slate-900">
        <h1 className="text-xl font-semibold">Sign in to Helpdesk</h1>
        <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">Use the email and password your admin gave you.</p>
        <SignInForm />
      </div>
    </main>
  );
}
