-- Audit log of every row change: a trigger on each audited table writes the audit row in the
-- changing transaction, and a deferred trigger seals it into a hash chain at commit.
-- lib/audit/verify.ts recomputes the hashes in JavaScript: change the canonical text in both places.

-- One field of the canonical text: NULL becomes \N and backslash and | are escaped, so the
-- encoding is injective (no two rows can share a canonical text by shifting a | between fields).
CREATE OR REPLACE FUNCTION groundwork_audit_field(value text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
  SELECT CASE WHEN value IS NULL THEN E'\\N' ELSE replace(replace(value, E'\\', E'\\\\'), '|', E'\\|') END
$$;
--> statement-breakpoint

-- Row trigger: TG_ARGV names the primary-key columns, joined by ':' into row_key.
-- Who and where come from transaction-local settings (lib/audit/context.ts); unset reads as ''.
CREATE OR REPLACE FUNCTION groundwork_audit() RETURNS trigger
LANGUAGE plpgsql
AS $$
DECLARE
  -- Columns whose value must never be copied into the log: secrets and encrypted personal data.
  sensitive CONSTANT text[] := ARRAY['password_hash', 'phone_enc', 'personal_notes_enc',
    'emergency_contact_enc', 'private_feedback_enc', 'token_hash'];
  -- Columns that move on every touch (sign-in, token use) without being a change worth auditing.
  bookkeeping CONSTANT text[] := ARRAY['updated_at', 'last_used_at', 'last_sign_in_at'];
  old_row jsonb;
  new_row jsonb;
  key_parts text[] := ARRAY[]::text[];
  key_part text;
  col text;
BEGIN
  IF TG_OP <> 'INSERT' THEN old_row := to_jsonb(OLD); END IF;
  IF TG_OP <> 'DELETE' THEN new_row := to_jsonb(NEW); END IF;

  -- Compared before masking, so a changed password is still logged (as a change of a redacted value).
  IF TG_OP = 'UPDATE' AND (old_row - bookkeeping) = (new_row - bookkeeping) THEN
    RETURN NULL;
  END IF;

  IF TG_NARGS = 0 THEN
    RAISE EXCEPTION 'groundwork_audit on %: the trigger must name the primary-key columns', TG_TABLE_NAME;
  END IF;
  FOREACH col IN ARRAY TG_ARGV LOOP
    key_part := coalesce(new_row, old_row) ->> col;
    IF key_part IS NULL THEN
      RAISE EXCEPTION 'groundwork_audit on %: key column % is missing or null', TG_TABLE_NAME, col;
    END IF;
    key_parts := key_parts || key_part;
  END LOOP;

  FOREACH col IN ARRAY sensitive LOOP
    IF old_row ? col AND old_row -> col <> 'null'::jsonb THEN
      old_row := jsonb_set(old_row, ARRAY[col], '"[redacted]"'::jsonb);
    END IF;
    IF new_row ? col AND new_row -> col <> 'null'::jsonb THEN
      new_row := jsonb_set(new_row, ARRAY[col], '"[redacted]"'::jsonb);
    END IF;
  END LOOP;

  INSERT INTO audit_log (actor_id, action, table_name, row_key, before, after, request_id, ip)
  VALUES (
    nullif(current_setting('groundwork.actor_id', true), '')::integer,
    lower(TG_OP),
    TG_TABLE_NAME,
    array_to_string(key_parts, ':'),
    old_row,
    new_row,
    -- Cut to the column width: an overlong client-supplied request id must not fail the write.
    left(nullif(current_setting('groundwork.request_id', true), ''), 64),
    left(nullif(current_setting('groundwork.ip', true), ''), 64)
  );
  RETURN NULL;
END
$$;
--> statement-breakpoint

-- Deferred to commit so the chain follows commit order: the advisory lock is held until the
-- transaction's commit is visible, so the next committer always reads this one's last hash.
CREATE OR REPLACE FUNCTION groundwork_audit_seal() RETURNS trigger
LANGUAGE plpgsql
AS $$
DECLARE
  r audit_log%ROWTYPE;
  last_seq bigint;
  last_hash varchar(64);
  next_seq bigint;
  canonical text;
BEGIN
  PERFORM pg_advisory_xact_lock(727002);

  -- Re-read: the hash must cover the row as it will be committed, not as first inserted.
  SELECT * INTO r FROM audit_log WHERE id = NEW.id;
  IF NOT FOUND OR r.seq IS NOT NULL THEN
    RETURN NULL;
  END IF;

  SELECT seq, hash INTO last_seq, last_hash
  FROM audit_log WHERE seq IS NOT NULL ORDER BY seq DESC LIMIT 1;
  next_seq := coalesce(last_seq, 0) + 1;

  canonical := concat_ws('|',
    next_seq::text,
    groundwork_audit_field(last_hash),
    r.id::text,
    ((extract(epoch FROM r.at) * 1000000)::bigint)::text,
    groundwork_audit_field(r.actor_id::text),
    groundwork_audit_field(r.action),
    groundwork_audit_field(r.table_name),
    groundwork_audit_field(r.row_key),
    groundwork_audit_field(r.before::text),
    groundwork_audit_field(r.after::text),
    groundwork_audit_field(r.request_id),
    groundwork_audit_field(r.ip));

  IF current_setting('transaction_isolation') = 'read committed' THEN
    UPDATE audit_log
    SET seq = next_seq, prev_hash = last_hash, hash = encode(sha256(convert_to(canonical, 'UTF8')), 'hex')
    WHERE id = r.id;
  ELSE
    -- A repeatable-read snapshot cannot see chain rows committed since it was taken, so next_seq
    -- may already be used: report that as a serialization failure, which callers retry.
    BEGIN
      UPDATE audit_log
      SET seq = next_seq, prev_hash = last_hash, hash = encode(sha256(convert_to(canonical, 'UTF8')), 'hex')
      WHERE id = r.id;
    EXCEPTION WHEN unique_violation THEN
      RAISE EXCEPTION 'audit chain moved on since this transaction''s snapshot; retry the transaction'
        USING ERRCODE = 'serialization_failure';
    END;
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER audit_log_seal AFTER INSERT ON audit_log
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION groundwork_audit_seal();
--> statement-breakpoint

-- Every table except audit_log itself, events (the outbox, derived from the changes it describes),
-- rate_limits (counters) and idempotency_keys (a response cache). lib/audit/audit.test.ts fails
-- when a table is added without a line here.
CREATE TRIGGER audit_row_change AFTER INSERT OR UPDATE OR DELETE ON api_tokens FOR EACH ROW EXECUTE FUNCTION groundwork_audit('id');
--> statement-breakpoint
CREATE TRIGGER audit_row_change AFTER INSERT OR UPDATE OR DELETE ON checklist_items FOR EACH ROW EXECUTE FUNCTION groundwork_audit('id');
--> statement-breakpoint
CREATE TRIGGER audit_row_change AFTER INSERT OR UPDATE OR DELETE ON checklists FOR EACH ROW EXECUTE FUNCTION groundwork_audit('id');
--> statement-breakpoint
CREATE TRIGGER audit_row_change AFTER INSERT OR UPDATE OR DELETE ON entities FOR EACH ROW EXECUTE FUNCTION groundwork_audit('id');
--> statement-breakpoint
CREATE TRIGGER audit_row_change AFTER INSERT OR UPDATE OR DELETE ON exam_attempts FOR EACH ROW EXECUTE FUNCTION groundwork_audit('id');
--> statement-breakpoint
CREATE TRIGGER audit_row_change AFTER INSERT OR UPDATE OR DELETE ON formats FOR EACH ROW EXECUTE FUNCTION groundwork_audit('id');
--> statement-breakpoint
CREATE TRIGGER audit_row_change AFTER INSERT OR UPDATE OR DELETE ON guide_acknowledgements FOR EACH ROW EXECUTE FUNCTION groundwork_audit('id');
--> statement-breakpoint
CREATE TRIGGER audit_row_change AFTER INSERT OR UPDATE OR DELETE ON guide_translations FOR EACH ROW EXECUTE FUNCTION groundwork_audit('id');
--> statement-breakpoint
CREATE TRIGGER audit_row_change AFTER INSERT OR UPDATE OR DELETE ON guideables FOR EACH ROW EXECUTE FUNCTION groundwork_audit('guide_id', 'guideable_type', 'guideable_id');
--> statement-breakpoint
CREATE TRIGGER audit_row_change AFTER INSERT OR UPDATE OR DELETE ON guides FOR EACH ROW EXECUTE FUNCTION groundwork_audit('id');
--> statement-breakpoint
CREATE TRIGGER audit_row_change AFTER INSERT OR UPDATE OR DELETE ON languages FOR EACH ROW EXECUTE FUNCTION groundwork_audit('id');
--> statement-breakpoint
CREATE TRIGGER audit_row_change AFTER INSERT OR UPDATE OR DELETE ON milestone_template_task_template FOR EACH ROW EXECUTE FUNCTION groundwork_audit('milestone_template_id', 'task_template_id');
--> statement-breakpoint
CREATE TRIGGER audit_row_change AFTER INSERT OR UPDATE OR DELETE ON milestone_templates FOR EACH ROW EXECUTE FUNCTION groundwork_audit('id');
--> statement-breakpoint
CREATE TRIGGER audit_row_change AFTER INSERT OR UPDATE OR DELETE ON milestones FOR EACH ROW EXECUTE FUNCTION groundwork_audit('id');
--> statement-breakpoint
CREATE TRIGGER audit_row_change AFTER INSERT OR UPDATE OR DELETE ON professions FOR EACH ROW EXECUTE FUNCTION groundwork_audit('id');
--> statement-breakpoint
CREATE TRIGGER audit_row_change AFTER INSERT OR UPDATE OR DELETE ON project_template_milestone_template FOR EACH ROW EXECUTE FUNCTION groundwork_audit('project_template_id', 'milestone_template_id');
--> statement-breakpoint
CREATE TRIGGER audit_row_change AFTER INSERT OR UPDATE OR DELETE ON project_templates FOR EACH ROW EXECUTE FUNCTION groundwork_audit('id');
--> statement-breakpoint
CREATE TRIGGER audit_row_change AFTER INSERT OR UPDATE OR DELETE ON projects FOR EACH ROW EXECUTE FUNCTION groundwork_audit('id');
--> statement-breakpoint
CREATE TRIGGER audit_row_change AFTER INSERT OR UPDATE OR DELETE ON reports FOR EACH ROW EXECUTE FUNCTION groundwork_audit('id');
--> statement-breakpoint
CREATE TRIGGER audit_row_change AFTER INSERT OR UPDATE OR DELETE ON specializations FOR EACH ROW EXECUTE FUNCTION groundwork_audit('id');
--> statement-breakpoint
CREATE TRIGGER audit_row_change AFTER INSERT OR UPDATE OR DELETE ON statuses FOR EACH ROW EXECUTE FUNCTION groundwork_audit('id');
--> statement-breakpoint
CREATE TRIGGER audit_row_change AFTER INSERT OR UPDATE OR DELETE ON step_templates FOR EACH ROW EXECUTE FUNCTION groundwork_audit('id');
--> statement-breakpoint
CREATE TRIGGER audit_row_change AFTER INSERT OR UPDATE OR DELETE ON submissions FOR EACH ROW EXECUTE FUNCTION groundwork_audit('id');
--> statement-breakpoint
CREATE TRIGGER audit_row_change AFTER INSERT OR UPDATE OR DELETE ON task_assignee FOR EACH ROW EXECUTE FUNCTION groundwork_audit('task_id', 'assignee_id');
--> statement-breakpoint
CREATE TRIGGER audit_row_change AFTER INSERT OR UPDATE OR DELETE ON task_request FOR EACH ROW EXECUTE FUNCTION groundwork_audit('id');
--> statement-breakpoint
CREATE TRIGGER audit_row_change AFTER INSERT OR UPDATE OR DELETE ON task_request_assignee FOR EACH ROW EXECUTE FUNCTION groundwork_audit('task_request_id', 'assignee_id');
--> statement-breakpoint
CREATE TRIGGER audit_row_change AFTER INSERT OR UPDATE OR DELETE ON task_results FOR EACH ROW EXECUTE FUNCTION groundwork_audit('id');
--> statement-breakpoint
CREATE TRIGGER audit_row_change AFTER INSERT OR UPDATE OR DELETE ON task_steps FOR EACH ROW EXECUTE FUNCTION groundwork_audit('id');
--> statement-breakpoint
CREATE TRIGGER audit_row_change AFTER INSERT OR UPDATE OR DELETE ON task_temp_parent_task_temp FOR EACH ROW EXECUTE FUNCTION groundwork_audit('task_template_id', 'parent_task_template_id');
--> statement-breakpoint
CREATE TRIGGER audit_row_change AFTER INSERT OR UPDATE OR DELETE ON task_template_profession FOR EACH ROW EXECUTE FUNCTION groundwork_audit('task_template_id', 'profession_id');
--> statement-breakpoint
CREATE TRIGGER audit_row_change AFTER INSERT OR UPDATE OR DELETE ON task_template_step_template FOR EACH ROW EXECUTE FUNCTION groundwork_audit('task_template_id', 'step_template_id');
--> statement-breakpoint
CREATE TRIGGER audit_row_change AFTER INSERT OR UPDATE OR DELETE ON task_templates FOR EACH ROW EXECUTE FUNCTION groundwork_audit('id');
--> statement-breakpoint
CREATE TRIGGER audit_row_change AFTER INSERT OR UPDATE OR DELETE ON tasks FOR EACH ROW EXECUTE FUNCTION groundwork_audit('id');
--> statement-breakpoint
CREATE TRIGGER audit_row_change AFTER INSERT OR UPDATE OR DELETE ON tasks_parent_task FOR EACH ROW EXECUTE FUNCTION groundwork_audit('task_id', 'parent_task_id');
--> statement-breakpoint
CREATE TRIGGER audit_row_change AFTER INSERT OR UPDATE OR DELETE ON user_scores FOR EACH ROW EXECUTE FUNCTION groundwork_audit('user_id');
--> statement-breakpoint
CREATE TRIGGER audit_row_change AFTER INSERT OR UPDATE OR DELETE ON user_specializations FOR EACH ROW EXECUTE FUNCTION groundwork_audit('user_id', 'specialization_id');
--> statement-breakpoint
CREATE TRIGGER audit_row_change AFTER INSERT OR UPDATE OR DELETE ON users FOR EACH ROW EXECUTE FUNCTION groundwork_audit('id');
