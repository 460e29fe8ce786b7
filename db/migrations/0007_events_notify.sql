-- Wake every replica's live delivery when events commit: NOTIFY is sent at commit, once per
-- statement that inserted events (the payload is empty; readers fetch by position).
CREATE OR REPLACE FUNCTION groundwork_notify_events() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('groundwork_events', '');
  RETURN NULL;
END;
$$;--> statement-breakpoint
DROP TRIGGER IF EXISTS events_notify ON "events";--> statement-breakpoint
CREATE TRIGGER events_notify AFTER INSERT ON "events" FOR EACH STATEMENT EXECUTE FUNCTION groundwork_notify_events();
