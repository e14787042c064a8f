import { redirect } from "next/navigation";
import { UsersView } from "@/components/users/users-view";
import { getSession } from "@/lib/auth";

export default async function UsersPage() {
  if ((await getSession())?.user?.role !== "admin") redirect("/");
  return <UsersView />;
}
