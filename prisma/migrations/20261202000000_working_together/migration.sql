-- AlterTable
ALTER TABLE "Message" ADD COLUMN     "undoableUntil" TIMESTAMPTZ(3);

-- CreateTable
CREATE TABLE "Draft" (
    "userId" TEXT NOT NULL,
    "ticketId" TEXT NOT NULL,
    "body" JSONB NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Draft_pkey" PRIMARY KEY ("userId","ticketId")
);

-- CreateTable
CREATE TABLE "TicketEvent" (
    "id" TEXT NOT NULL,
    "ticketId" TEXT NOT NULL,
    "actorId" TEXT,
    "kind" TEXT NOT NULL,
    "changes" JSONB NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TicketEvent_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "TicketEvent_ticketId_createdAt_id_idx" ON "TicketEvent"("ticketId", "createdAt", "id");

-- AddForeignKey
ALTER TABLE "Draft" ADD CONSTRAINT "Draft_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Draft" ADD CONSTRAINT "Draft_ticketId_fkey" FOREIGN KEY ("ticketId") REFERENCES "Ticket"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TicketEvent" ADD CONSTRAINT "TicketEvent_ticketId_fkey" FOREIGN KEY ("ticketId") REFERENCES "Ticket"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TicketEvent" ADD CONSTRAINT "TicketEvent_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- TypeIDs made in PostgreSQL, as @helpdesk/db's newId makes them: a UUIDv7 for `at` in Crockford base32 (digits 1-10
-- the 48-bit milliseconds, 11-18 version 7, 12 random bits, variant 10 and 22 random bits, 19-26 40 random bits), with
-- the random bits taken from gen_random_uuid() (a strong source). For rows that triggers write.
CREATE FUNCTION "helpdesk_typeid"(prefix text, at timestamptz) RETURNS text LANGUAGE sql VOLATILE AS '
  SELECT prefix || ''_'' || substr(''0123456789abcdefghjkmnpqrstvwxyz'', ((ms >> 45) & 31)::int + 1, 1) || substr(''0123456789abcdefghjkmnpqrstvwxyz'', ((ms >> 40) & 31)::int + 1, 1) || substr(''0123456789abcdefghjkmnpqrstvwxyz'', ((ms >> 35) & 31)::int + 1, 1) || substr(''0123456789abcdefghjkmnpqrstvwxyz'', ((ms >> 30) & 31)::int + 1, 1) || substr(''0123456789abcdefghjkmnpqrstvwxyz'', ((ms >> 25) & 31)::int + 1, 1) || substr(''0123456789abcdefghjkmnpqrstvwxyz'', ((ms >> 20) & 31)::int + 1, 1) || substr(''0123456789abcdefghjkmnpqrstvwxyz'', ((ms >> 15) & 31)::int + 1, 1) || substr(''0123456789abcdefghjkmnpqrstvwxyz'', ((ms >> 10) & 31)::int + 1, 1) || substr(''0123456789abcdefghjkmnpqrstvwxyz'', ((ms >> 5) & 31)::int + 1, 1) || substr(''0123456789abcdefghjkmnpqrstvwxyz'', ((ms >> 0) & 31)::int + 1, 1)
    || substr(''0123456789abcdefghjkmnpqrstvwxyz'', ((r1 >> 35) & 31)::int + 1, 1) || substr(''0123456789abcdefghjkmnpqrstvwxyz'', ((r1 >> 30) & 31)::int + 1, 1) || substr(''0123456789abcdefghjkmnpqrstvwxyz'', ((r1 >> 25) & 31)::int + 1, 1) || substr(''0123456789abcdefghjkmnpqrstvwxyz'', ((r1 >> 20) & 31)::int + 1, 1) || substr(''0123456789abcdefghjkmnpqrstvwxyz'', ((r1 >> 15) & 31)::int + 1, 1) || substr(''0123456789abcdefghjkmnpqrstvwxyz'', ((r1 >> 10) & 31)::int + 1, 1) || substr(''0123456789abcdefghjkmnpqrstvwxyz'', ((r1 >> 5) & 31)::int + 1, 1) || substr(''0123456789abcdefghjkmnpqrstvwxyz'', ((r1 >> 0) & 31)::int + 1, 1)
    || substr(''0123456789abcdefghjkmnpqrstvwxyz'', ((r2 >> 35) & 31)::int + 1, 1) || substr(''0123456789abcdefghjkmnpqrstvwxyz'', ((r2 >> 30) & 31)::int + 1, 1) || substr(''0123456789abcdefghjkmnpqrstvwxyz'', ((r2 >> 25) & 31)::int + 1, 1) || substr(''0123456789abcdefghjkmnpqrstvwxyz'', ((r2 >> 20) & 31)::int + 1, 1) || substr(''0123456789abcdefghjkmnpqrstvwxyz'', ((r2 >> 15) & 31)::int + 1, 1) || substr(''0123456789abcdefghjkmnpqrstvwxyz'', ((r2 >> 10) & 31)::int + 1, 1) || substr(''0123456789abcdefghjkmnpqrstvwxyz'', ((r2 >> 5) & 31)::int + 1, 1) || substr(''0123456789abcdefghjkmnpqrstvwxyz'', ((r2 >> 0) & 31)::int + 1, 1)
  FROM (SELECT floor(extract(epoch FROM at) * 1000)::bigint AS ms,
      ((7::bigint << 36) | ((''x'' || substr(h, 1, 3))::bit(12)::bigint << 24) | (2::bigint << 22)
        | ((''x'' || substr(h, 4, 6))::bit(24)::bigint >> 2)) AS r1,
      (''x'' || substr(h, 18, 10))::bit(40)::bigint AS r2
    FROM (SELECT replace(gen_random_uuid()::text, ''-'', '''') AS h) AS random_hex) AS parts
';

-- Activity (CONTRACT §12): every change of a ticket's status, priority, type, assignee or tags, by whoever makes it (an
-- agent's PATCH, a message's ticket_update, the reopen rule, the automation, a customer's mail), becomes one
-- TicketEvent in the changing statement. The actor is the transaction-local setting helpdesk.actor_id (services set
-- it, and unset or empty means the system). The event's time is the ticket's new updatedAt, so it sorts right after the
-- message that caused it. The migration runner splits scripts at every semicolon, so the body writes its own as \x3B.
CREATE FUNCTION "helpdesk_ticket_event"() RETURNS trigger LANGUAGE plpgsql AS E'
DECLARE
  changes jsonb := ''{}''\x3B
BEGIN
  IF NEW.status IS DISTINCT FROM OLD.status THEN
    changes := changes || jsonb_build_object(''status'', jsonb_build_object(''from'', OLD.status, ''to'', NEW.status))\x3B
  END IF\x3B
  IF NEW.priority IS DISTINCT FROM OLD.priority THEN
    changes := changes || jsonb_build_object(''priority'', jsonb_build_object(''from'', OLD.priority, ''to'', NEW.priority))\x3B
  END IF\x3B
  IF NEW.type IS DISTINCT FROM OLD.type THEN
    changes := changes || jsonb_build_object(''type'', jsonb_build_object(''from'', OLD.type, ''to'', NEW.type))\x3B
  END IF\x3B
  IF NEW."assigneeId" IS DISTINCT FROM OLD."assigneeId" THEN
    changes := changes || jsonb_build_object(''assigneeId'', jsonb_build_object(''from'', OLD."assigneeId", ''to'', NEW."assigneeId"))\x3B
  END IF\x3B
  IF NEW.tags IS DISTINCT FROM OLD.tags THEN
    changes := changes || jsonb_build_object(''tags'', jsonb_build_object(''from'', to_jsonb(OLD.tags), ''to'', to_jsonb(NEW.tags)))\x3B
  END IF\x3B
  INSERT INTO "TicketEvent" (id, "ticketId", "actorId", kind, changes, "createdAt")
  VALUES ("helpdesk_typeid"(''tev'', NEW."updatedAt"), NEW.id, nullif(current_setting(''helpdesk.actor_id'', true), ''''),
    ''ticket.updated'', changes, NEW."updatedAt")\x3B
  RETURN NULL\x3B
END';

CREATE TRIGGER "Ticket_events" AFTER UPDATE OF status, priority, type, "assigneeId", tags ON "Ticket"
  FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status OR OLD.priority IS DISTINCT FROM NEW.priority
    OR OLD.type IS DISTINCT FROM NEW.type OR OLD."assigneeId" IS DISTINCT FROM NEW."assigneeId" OR OLD.tags IS DISTINCT FROM NEW.tags)
  EXECUTE FUNCTION "helpdesk_ticket_event"();
