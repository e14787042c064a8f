import { redirect } from "next/navigation";
import { WebhooksView } from "@/components/webhooks/webhooks-view";
import { getSession } from "@/lib/auth";

export default async function WebhooksPage() {
  if ((await getSession())?.user?.role !== "admin") redirect("/");
  return <WebhooksView />;
}
