import { redirect } from "next/navigation";
import type { ReactNode } from "react";
import { AppHeader } from "@/components/app-header";
import { Providers } from "@/components/providers";
import { ShortcutSheet } from "@/components/shortcuts/shortcut-sheet";
import { getSession } from "@/lib/auth";

export const dynamic = "force-dynamic";

export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  const session = await getSession();
  if (!session?.user) redirect("/signin");
  return (
    <Providers user={session.user}>
      <div className="flex min-h-screen flex-col">
        <AppHeader user={session.user} />
        <main className="flex-1">{children}</main>
        <ShortcutSheet />
      </div>
    </Providers>
  );
}
