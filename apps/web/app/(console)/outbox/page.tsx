import { OutboxView } from "@/components/outbox/outbox-view";

export default function OutboxPage() {
  return <OutboxView />;
}
