import { redirect } from "next/navigation";
import { AppHeader } from "@/components/app-header";
import { getSession } from "@/lib/auth";

export const dynamic = "force-dynamic";

export default async function HomePage() {
  const session = await getSession();
  if (!session?.user) redirect("/signin");
  return (
    <div className="min-h-screen">
      <AppHeader user={session.user} />
      <main className="mx-auto max-w-5xl px-6 py-10">
        <h1 className="text-2xl font-semibold">Inbox</h1>
        <p className="mt-2 text-slate-600 dark:text-slate-400">Tickets will appear here.</p>
      </main>
    </div>
  );
}
