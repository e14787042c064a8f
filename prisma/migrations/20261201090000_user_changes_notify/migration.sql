-- Every server instance caches the users' rows it authenticates with (role, active flag, session version, name,
-- email) and must hear about every change to them (CONTRACT §2: within one second on every instance). The trigger
-- notifies in the changing transaction itself, so no writer can forget to (a service, a seed, a psql session), and the
-- notification goes out only if that transaction commits. New users need none: no instance holds a row for them.
-- The migration runner splits scripts at every semicolon, so the function body writes its own as \x3B.
CREATE FUNCTION "helpdesk_notify_user_changed"() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  PERFORM pg_notify(''helpdesk_user_changes'', OLD."id")\x3B
  RETURN NULL\x3B
END';

CREATE TRIGGER "User_changes_notify" AFTER UPDATE OR DELETE ON "User"
  FOR EACH ROW EXECUTE FUNCTION "helpdesk_notify_user_changed"();
