-- Full-text search (CONTRACT 13). The vectors are generated columns: PostgreSQL computes them in the statement that
-- writes the row, so no writer can forget one and nothing else keeps them. The english configuration stems words
-- ("reset links" finds "reset link") and drops stop words. A message's vector covers the first 20,000 characters of
-- its text: it bounds the insert's cost and keeps under the tsvector size limit whatever a message holds. A ticket's
-- vector weighs the subject A and the requester B (the email whole and split at @ and dots, so "dana" finds
-- dana@example.com), which ranks a ticket whose own fields match above one matched by a message alone.
ALTER TABLE "Message" ADD COLUMN "searchVector" tsvector
  GENERATED ALWAYS AS (to_tsvector('english'::regconfig, left("textContent", 20000))) STORED;

ALTER TABLE "Ticket" ADD COLUMN "searchVector" tsvector
  GENERATED ALWAYS AS (
    setweight(to_tsvector('english'::regconfig, subject), 'A')
    || setweight(to_tsvector('english'::regconfig, "requesterEmail" || ' ' || translate("requesterEmail", '@.', '  ')
      || ' ' || coalesce("requesterName", '')), 'B')
  ) STORED;

-- CreateTable
CREATE TABLE "Macro" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "nameKey" TEXT NOT NULL,
    "content" TEXT NOT NULL,
    "ticketUpdate" JSONB NOT NULL DEFAULT '{}',
    "addTags" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Macro_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Macro_nameKey_key" ON "Macro"("nameKey");

-- CreateIndex
CREATE INDEX "Message_searchVector_idx" ON "Message" USING GIN ("searchVector");

-- CreateIndex
CREATE INDEX "Ticket_status_assigneeId_idx" ON "Ticket"("status", "assigneeId");

-- CreateIndex
CREATE INDEX "Ticket_requesterEmail_updatedAt_id_idx" ON "Ticket"("requesterEmail", "updatedAt", "id");

-- CreateIndex
CREATE INDEX "Ticket_searchVector_idx" ON "Ticket" USING GIN ("searchVector");
