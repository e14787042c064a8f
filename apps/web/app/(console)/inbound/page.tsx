import { InboundView } from "@/components/inbound/inbound-view";
import { requireAdmin } from "@/lib/require-role";

export default async function InboundPage() {
  await requireAdmin();
  return <InboundView />;
}
