// Demo data for `pnpm dev`: three users to sign in as and a dozen tickets with realistic conversations.
import type { Db } from "./client.ts";
import { newId } from "./ids.ts";
import type { MessageType, TicketPriority, TicketStatus, TicketType } from "./generated/prisma/enums.ts";

export const DEMO_USERS = [
  { email: "admin@helpdesk.local", name: "Ada Admin", role: "admin", password: "admin-password" },
  { email: "agent@helpdesk.local", name: "Sam Agent", role: "agent", password: "agent-password" },
  { email: "viewer@helpdesk.local", name: "Vic Viewer", role: "viewer", password: "viewer-password" },
] as const;

type Line = [MessageType, string];
interface DemoTicket {
  subject: string;
  requester: [string, string];
  status: TicketStatus;
  priority: TicketPriority;
  type: TicketType;
  tags: string[];
  lines: Line[];
}

const TICKETS: DemoTicket[] = [
  { subject: "Can't reset my password", requester: ["Maria Lopez", "maria@example.com"], status: "open", priority: "high", type: "incident", tags: ["login"], lines: [
    ["request", "Hi, the reset link in your email says it has expired, even when I click it right away."],
    ["note", "Probably the link is opened by her mail scanner first. Check the token logs."],
    ["response", "Hi Maria, sorry about that! I've sent a fresh link that stays valid for an hour. Could you try it from a private window?"],
    ["request", "That worked, thank you!"],
  ] },
  { subject: "Invoice shows the wrong VAT number", requester: ["Jonas Weber", "jonas@weber-gmbh.de"], status: "pending", priority: "normal", type: "problem", tags: ["billing", "invoice"], lines: [
    ["request", "Our invoice for October lists an old VAT number. We need a corrected invoice for our accountant."],
    ["response", "Thanks Jonas. Could you confirm the new VAT number so I can reissue the invoice?"],
  ] },
  { subject: "How do I export all my data?", requester: ["Priya Shah", "priya@shah.io"], status: "new", priority: "low", type: "question", tags: ["export"], lines: [
    ["request", "Is there a way to export all my projects as CSV? I'd like a backup before the end of the year."],
  ] },
  { subject: "App crashes when uploading photos", requester: ["Tom Becker", "tom.becker@example.org"], status: "open", priority: "urgent", type: "incident", tags: ["mobile", "upload"], lines: [
    ["request", "Every time I upload more than three photos the Android app closes. Pixel 8, latest version."],
    ["note", "Reproduced on a Pixel 7 with 4+ photos. Filed internally as a crash in the image resizer."],
    ["response", "Hi Tom, thanks for the details. We could reproduce it and a fix is on its way. Until then, uploading up to three photos at a time works."],
  ] },
  { subject: "Feature request: dark mode", requester: ["Lea Martin", "lea@martin.fr"], status: "resolved", priority: "low", type: "task", tags: ["feature-request"], lines: [
    ["request", "Would love a dark mode for late shifts!"],
    ["response", "Good news, Lea: dark mode shipped today. It follows your system setting."],
    ["request", "Amazing, thanks!"],
  ] },
  { subject: "Charged twice for the annual plan", requester: ["Chen Wei", "chen.wei@example.net"], status: "open", priority: "high", type: "problem", tags: ["billing", "refund"], lines: [
    ["request", "My card was charged twice on the 3rd for the annual plan. Please refund one of them."],
    ["note", "Confirmed in the payment provider: duplicate charge from a retried checkout. Refund approved by finance."],
    ["response", "Hi Chen, you're right, and I'm sorry. The duplicate charge has been refunded; it shows up on your statement within 5 business days."],
  ] },
  { subject: "SSO login loop with Okta", requester: ["Rachel Green", "rachel@acme-corp.com"], status: "pending", priority: "urgent", type: "incident", tags: ["sso", "enterprise"], lines: [
    ["request", "Since this morning our team is stuck in a redirect loop when signing in with Okta."],
    ["response", "Hi Rachel, could you send us the SAML response (with secrets removed) from your browser's network tab?"],
    ["note", "Their IdP certificate rotated last night; waiting for them to upload the new one."],
  ] },
  { subject: "Question about API rate limits", requester: ["Dev Patel", "dev@buildfast.dev"], status: "resolved", priority: "normal", type: "question", tags: ["api"], lines: [
    ["request", "What are the rate limits for the REST API, and are they per key or per user?"],
    ["response", "Hi Dev, it's 400 requests a minute per user, and every answer carries X-RateLimit headers so you can pace yourself."],
  ] },
  { subject: "Add a second admin to our account", requester: ["Olga Ivanova", "olga@northwind.example"], status: "new", priority: "normal", type: "task", tags: ["account"], lines: [
    ["request", "Please make my colleague Petra an admin as well, she's taking over while I'm on leave."],
  ] },
  { subject: "Emails from you land in spam", requester: ["Ben Carter", "ben@carter.co.uk"], status: "open", priority: "normal", type: "problem", tags: ["email"], lines: [
    ["request", "Your notification emails always end up in our spam folder (Microsoft 365)."],
    ["note", "Check whether their tenant quarantines our DKIM selector."],
  ] },
  { subject: "Cancel my subscription", requester: ["Nora Jensen", "nora@jensen.dk"], status: "resolved", priority: "low", type: "task", tags: ["cancellation"], lines: [
    ["request", "Please cancel my subscription at the end of this billing period."],
    ["response", "Done, Nora. Your plan stays active until the 30th and won't renew. We'd love to hear what we could do better."],
  ] },
  { subject: "Webhook deliveries are failing", requester: ["Luis Ortega", "luis@shipit.mx"], status: "open", priority: "high", type: "incident", tags: ["api", "webhooks"], lines: [
    ["request", "Since yesterday all our webhook deliveries show status 'failed' with a timeout."],
    ["response", "Hi Luis, our logs show your endpoint takes over 10 seconds to answer. Could you check whether something changed on your side?"],
    ["request", "You're right, our load balancer was misconfigured. Fixed now, thanks!"],
  ] },
];

const escapeHtml = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** Seeds the demo data when there are no users yet. Returns false when the database was not empty. */
export async function seedDemoData(db: Db, hashPassword: (password: string) => Promise<string>): Promise<boolean> {
  if ((await db.user.count()) > 0) return false;
  const users: Record<string, string> = {};
  for (const demo of DEMO_USERS) {
    const user = await db.user.create({
      data: { id: newId("usr"), email: demo.email, name: demo.name, role: demo.role, passwordHash: await hashPassword(demo.password) },
    });
    users[demo.role] = user.id;
  }
  const agentId = users.agent as string;
  const start = Date.now() - TICKETS.length * 6 * 3_600_000;
  for (const [index, demo] of TICKETS.entries()) {
    const createdAt = new Date(start + index * 6 * 3_600_000);
    const lastActivity = new Date(createdAt.getTime() + (demo.lines.length - 1) * 1_200_000);
    const ticketId = newId("tkt");
    await db.ticket.create({
      data: {
        id: ticketId, subject: demo.subject, status: demo.status, priority: demo.priority, type: demo.type, tags: demo.tags,
        requesterName: demo.requester[0], requesterEmail: demo.requester[1], createdAt, updatedAt: lastActivity,
        messageCount: demo.lines.length,
        assigneeId: demo.status === "new" ? null : agentId,
        resolvedAt: demo.status === "resolved" ? lastActivity : null,
      },
    });
    for (const [position, [type, text]] of demo.lines.entries()) {
      const at = new Date(createdAt.getTime() + position * 1_200_000);
      await db.message.create({
        data: {
          id: newId("msg"), ticketId, type, content: `<p>${escapeHtml(text)}</p>`, textContent: text,
          // Requests came from customers by email; the seed records the agent as the one who logged them.
          authorId: agentId, createdAt: at, updatedAt: at, sendEmail: type === "response", deliveryStatus: type === "response" ? "sent" : "not_sent",
        },
      });
    }
  }
  return true;
}
