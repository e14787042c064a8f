-- DropIndex
DROP INDEX "Ticket_assigneeId_idx";

-- DropIndex
DROP INDEX "Ticket_status_updatedAt_idx";

-- CreateIndex
CREATE INDEX "Ticket_status_updatedAt_id_idx" ON "Ticket"("status", "updatedAt", "id");

-- CreateIndex
CREATE INDEX "Ticket_assigneeId_updatedAt_id_idx" ON "Ticket"("assigneeId", "updatedAt", "id");
