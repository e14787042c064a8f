-- CreateEnum
CREATE TYPE "MessageSource" AS ENUM ('api', 'console', 'email');

-- CreateEnum
CREATE TYPE "InboundDoor" AS ENUM ('smtp', 'http', 'imap');

-- CreateEnum
CREATE TYPE "InboundOutcome" AS ENUM ('new_ticket', 'appended', 'follow_up', 'ignored', 'bounce', 'unparseable');

-- AlterTable
ALTER TABLE "Attachment" ALTER COLUMN "tokenHash" DROP NOT NULL,
ALTER COLUMN "uploaderId" DROP NOT NULL;

-- AlterTable
ALTER TABLE "Message" ADD COLUMN     "fromEmail" TEXT,
ADD COLUMN     "fromName" TEXT,
ADD COLUMN     "source" "MessageSource" NOT NULL DEFAULT 'api',
ALTER COLUMN "authorId" DROP NOT NULL;

-- AlterTable
ALTER TABLE "Ticket" ADD COLUMN     "followUpOfId" TEXT;

-- CreateTable
CREATE TABLE "InboundEmail" (
    "id" TEXT NOT NULL,
    "door" "InboundDoor" NOT NULL,
    "messageIdHeader" TEXT,
    "outcome" "InboundOutcome" NOT NULL,
    "reason" TEXT,
    "fromEmail" TEXT,
    "subject" TEXT,
    "size" INTEGER NOT NULL,
    "storageKey" TEXT NOT NULL,
    "ticketId" TEXT,
    "messageId" TEXT,
    "receivedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "InboundEmail_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "InboundEmail_messageIdHeader_key" ON "InboundEmail"("messageIdHeader");

-- CreateIndex
CREATE UNIQUE INDEX "InboundEmail_messageId_key" ON "InboundEmail"("messageId");

-- CreateIndex
CREATE INDEX "InboundEmail_outcome_receivedAt_idx" ON "InboundEmail"("outcome", "receivedAt");

-- CreateIndex
CREATE INDEX "InboundEmail_receivedAt_idx" ON "InboundEmail"("receivedAt");

-- CreateIndex
CREATE INDEX "Ticket_followUpOfId_idx" ON "Ticket"("followUpOfId");

-- AddForeignKey
ALTER TABLE "Ticket" ADD CONSTRAINT "Ticket_followUpOfId_fkey" FOREIGN KEY ("followUpOfId") REFERENCES "Ticket"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InboundEmail" ADD CONSTRAINT "InboundEmail_ticketId_fkey" FOREIGN KEY ("ticketId") REFERENCES "Ticket"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InboundEmail" ADD CONSTRAINT "InboundEmail_messageId_fkey" FOREIGN KEY ("messageId") REFERENCES "Message"("id") ON DELETE SET NULL ON UPDATE CASCADE;
