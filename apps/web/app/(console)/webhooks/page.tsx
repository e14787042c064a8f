import { WebhooksView } from "@/components/webhooks/webhooks-view";
import { requireAdmin } from "@/lib/require-role";

export default async function WebhooksPage() {
  await requireAdmin();
  return <WebhooksView />;
}
