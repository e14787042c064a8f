import type { Metadata } from "next";
import { NotFoundNotice } from "@/components/page-notice";

export const metadata: Metadata = { title: "Page not found · Helpdesk" };

export default function NotFound() {
  return (
    <main>
      <NotFoundNotice />
    </main>
  );
}
