import { redirect } from "next/navigation";
import { InboundView } from "@/components/inbound/inbound-view";
import { getSession } from "@/lib/auth";

export default async function InboundPage() {
  if ((await getSession())?.user?.role !== "admin") redirect("/");
  return <InboundView />;
}
