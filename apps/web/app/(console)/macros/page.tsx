import { MacrosView } from "@/components/macros/macros-view";
import { requireAdmin } from "@/lib/require-role";

export default async function MacrosPage() {
  await requireAdmin();
  return <MacrosView />;
}
