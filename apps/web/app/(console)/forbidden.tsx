import type { Metadata } from "next";
import { PageNotice } from "@/components/page-notice";
import { getSession } from "@/lib/auth";

export const metadata: Metadata = { title: "For admins · Helpdesk" };

/** Shown with a 403 when requireAdmin() turns a signed-in user away: says why instead of redirecting silently. */
export default async function Forbidden() {
  const role = (await getSession())?.user?.role ?? "viewer";
  return (
    <PageNotice code="403" title="For admins only">
      <p>
        This page is for admins. You are signed in as {role === "agent" ? "an" : "a"} {role}.
      </p>
    </PageNotice>
  );
}
