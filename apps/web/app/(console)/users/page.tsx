import { UsersView } from "@/components/users/users-view";
import { requireAdmin } from "@/lib/require-role";

export default async function UsersPage() {
  await requireAdmin();
  return <UsersView />;
}
