import type { Metadata } from "next";
import { NONCE_HEADER } from "@helpdesk/validators/limits";
import { headers } from "next/headers";
import type { ReactNode } from "react";
import { Toaster } from "sonner";
import "./globals.css";

export const metadata: Metadata = { title: "Helpdesk", description: "The support console" };

// Runs before the first paint so a dark-theme user never sees a light flash.
const themeScript = `try{var t=localStorage.getItem("theme");if(t==="dark"||(!t&&matchMedia("(prefers-color-scheme: dark)").matches))document.documentElement.classList.add("dark")}catch(e){}`;

// The front door gives every request a CSP nonce (@helpdesk/server); reading it makes every page render per request,
// which nonces need anyway.
export default async function RootLayout({ children }: { children: ReactNode }) {
  const nonce = (await headers()).get(NONCE_HEADER) ?? undefined;
  return (
    <html lang="en" suppressHydrationWarning>
      <head>
        {/* biome-ignore lint/security/noDangerouslySetInnerHtml: a constant of ours, not user content. */}
        <script nonce={nonce} dangerouslySetInnerHTML={{ __html: themeScript }} />
      </head>
      <body className="min-h-screen bg-slate-50 font-sans text-slate-900 antialiased dark:bg-slate-950 dark:text-slate-100">
        {children}
        <Toaster richColors position="bottom-right" />
      </body>
    </html>
  );
}
