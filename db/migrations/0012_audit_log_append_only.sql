-- audit_log is append-only. With the seal written after commit (0010), a row could otherwise be
-- edited, deleted or unsealed before or after its seal, and the sealer would chain what it found.
-- The one change allowed is the sealer's: seq, prev_hash and hash going from unset to set, with
-- nothing else touched. (The table's owner can drop the trigger and rewrite the whole chain: the
-- chain shows edits made any other way.)
CREATE OR REPLACE FUNCTION groundwork_audit_log_guard() RETURNS trigger
LANGUAGE plpgsql
AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'audit_log is append-only: rows cannot be deleted' USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF OLD.seq IS NULL AND NEW.seq IS NOT NULL AND NEW.hash IS NOT NULL
     AND (to_jsonb(NEW) - ARRAY['seq', 'prev_hash', 'hash']) = (to_jsonb(OLD) - ARRAY['seq', 'prev_hash', 'hash']) THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'audit_log is append-only: only the sealer may set seq, prev_hash and hash, once' USING ERRCODE = 'insufficient_privilege';
END
$$;
--> statement-breakpoint
CREATE TRIGGER audit_log_guard BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION groundwork_audit_log_guard();
