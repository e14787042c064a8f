-- CreateEnum
CREATE TYPE "WebhookDeliveryStatus" AS ENUM ('pending', 'delivered', 'failed', 'cancelled');

-- CreateTable
CREATE TABLE "Webhook" (
    "id" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "events" TEXT[],
    "active" BOOLEAN NOT NULL DEFAULT true,
    "secret" TEXT NOT NULL,
    "failingSince" TIMESTAMPTZ(3),
    "pausedAt" TIMESTAMPTZ(3),
    "pauseReason" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Webhook_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WebhookEvent" (
    "id" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "ticketId" TEXT,
    "subjectId" TEXT NOT NULL,
    "payload" JSONB,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "WebhookEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WebhookDelivery" (
    "id" TEXT NOT NULL,
    "webhookId" TEXT NOT NULL,
    "eventId" TEXT NOT NULL,
    "ticketId" TEXT,
    "seq" BIGSERIAL NOT NULL,
    "status" "WebhookDeliveryStatus" NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "leasedUntil" TIMESTAMPTZ(3),
    "lastStatusCode" INTEGER,
    "lastError" TEXT,
    "lastDurationMs" INTEGER,
    "responseExcerpt" TEXT,
    "deliveredAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "WebhookDelivery_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WebhookAttempt" (
    "id" TEXT NOT NULL,
    "deliveryId" TEXT NOT NULL,
    "statusCode" INTEGER,
    "durationMs" INTEGER NOT NULL,
    "error" TEXT,
    "responseExcerpt" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "WebhookAttempt_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "WebhookDelivery_status_nextAttemptAt_idx" ON "WebhookDelivery"("status", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "WebhookDelivery_webhookId_ticketId_seq_idx" ON "WebhookDelivery"("webhookId", "ticketId", "seq");

-- CreateIndex
CREATE INDEX "WebhookDelivery_webhookId_seq_idx" ON "WebhookDelivery"("webhookId", "seq");

-- CreateIndex
CREATE INDEX "WebhookDelivery_eventId_idx" ON "WebhookDelivery"("eventId");

-- CreateIndex
CREATE INDEX "WebhookAttempt_deliveryId_createdAt_idx" ON "WebhookAttempt"("deliveryId", "createdAt");

-- AddForeignKey
ALTER TABLE "WebhookDelivery" ADD CONSTRAINT "WebhookDelivery_webhookId_fkey" FOREIGN KEY ("webhookId") REFERENCES "Webhook"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WebhookDelivery" ADD CONSTRAINT "WebhookDelivery_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "WebhookEvent"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WebhookAttempt" ADD CONSTRAINT "WebhookAttempt_deliveryId_fkey" FOREIGN KEY ("deliveryId") REFERENCES "WebhookDelivery"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- The webhook outbox (CONTRACT §14): the statement that changes a message or a ticket also writes the event and one
-- delivery per active webhook subscribed to it, so a committed change is never left unannounced and a rolled-back one
-- announces nothing. With no webhook wanting the event (the usual case, and the benchmark's) the cost is one EXISTS on
-- a tiny table. A response inside its undo window is announced once the window has closed (not_before), so that an
-- undone message is never sent. The NOTIFY (delivered on commit) wakes the dispatchers. The runner splits scripts at
-- every semicolon, so the bodies write theirs as \x3B.
CREATE FUNCTION "helpdesk_webhook_emit"(event_type text, ticket_id text, subject_id text, not_before timestamptz) RETURNS void LANGUAGE plpgsql AS E'
DECLARE
  event_id text\x3B
BEGIN
  IF NOT EXISTS (SELECT 1 FROM "Webhook" WHERE active AND event_type = ANY(events)) THEN
    RETURN\x3B
  END IF\x3B
  event_id := "helpdesk_typeid"(''evt'', clock_timestamp())\x3B
  INSERT INTO "WebhookEvent" (id, type, "ticketId", "subjectId", "createdAt") VALUES (event_id, event_type, ticket_id, subject_id, clock_timestamp())\x3B
  INSERT INTO "WebhookDelivery" (id, "webhookId", "eventId", "ticketId", "nextAttemptAt")
    SELECT "helpdesk_typeid"(''whd'', clock_timestamp()), w.id, event_id, ticket_id, greatest(now(), not_before)
    FROM "Webhook" w WHERE w.active AND event_type = ANY(w.events) ORDER BY w.id\x3B
  PERFORM pg_notify(''helpdesk_webhooks'', '''')\x3B
END';

CREATE FUNCTION "helpdesk_webhook_message"() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  IF TG_OP = ''INSERT'' THEN
    PERFORM "helpdesk_webhook_emit"(''message.created'', NEW."ticketId", NEW.id, NEW."undoableUntil")\x3B
  ELSE
    PERFORM "helpdesk_webhook_emit"(''message.delivery_failed'', NEW."ticketId", NEW.id, NULL)\x3B
  END IF\x3B
  RETURN NULL\x3B
END';

CREATE FUNCTION "helpdesk_webhook_ticket"() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  PERFORM "helpdesk_webhook_emit"(CASE TG_OP WHEN ''INSERT'' THEN ''ticket.created'' ELSE ''ticket.updated'' END, NEW.id, NEW.id, NULL)\x3B
  RETURN NULL\x3B
END';

CREATE TRIGGER "Message_webhook_created" AFTER INSERT ON "Message" FOR EACH ROW EXECUTE FUNCTION "helpdesk_webhook_message"();

CREATE TRIGGER "Message_webhook_delivery_failed" AFTER UPDATE OF "deliveryStatus" ON "Message"
  FOR EACH ROW WHEN (NEW."deliveryStatus" = 'failed' AND OLD."deliveryStatus" IS DISTINCT FROM 'failed')
  EXECUTE FUNCTION "helpdesk_webhook_message"();

CREATE TRIGGER "Ticket_webhook_created" AFTER INSERT ON "Ticket" FOR EACH ROW EXECUTE FUNCTION "helpdesk_webhook_ticket"();

CREATE TRIGGER "Ticket_webhook_updated" AFTER UPDATE OF status, priority, type, "assigneeId", tags, subject ON "Ticket"
  FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status OR OLD.priority IS DISTINCT FROM NEW.priority
    OR OLD.type IS DISTINCT FROM NEW.type OR OLD."assigneeId" IS DISTINCT FROM NEW."assigneeId" OR OLD.tags IS DISTINCT FROM NEW.tags
    OR OLD.subject IS DISTINCT FROM NEW.subject)
  EXECUTE FUNCTION "helpdesk_webhook_ticket"();
