CREATE INDEX "audit_log_unsealed_idx" ON "audit_log" USING btree ("id") WHERE seq is null;--> statement-breakpoint
-- The chain is sealed after commit instead of inside it. The deferred trigger held one advisory
-- lock from each audited commit until that commit was flushed, so every audited write in the
-- database queued behind the previous one's disk flush. Rows are now written unsealed and
-- groundwork_audit_seal_pending() appends the committed ones to the chain in batches: the app
-- server runs it every second and at shutdown (lib/audit/sealer.ts). The canonical text is the
-- one groundwork_audit_seal() used: lib/audit/verify.ts recomputes it in JavaScript.
DROP TRIGGER IF EXISTS audit_log_seal ON audit_log;
--> statement-breakpoint
DROP FUNCTION IF EXISTS groundwork_audit_seal();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION groundwork_audit_seal_pending(max_rows integer) RETURNS integer
LANGUAGE plpgsql
AS $$
DECLARE
  r audit_log%ROWTYPE;
  last_seq bigint;
  last_hash varchar(64);
  next_hash varchar(64);
  sealed integer := 0;
BEGIN
  -- One sealer at a time across every replica; the others find the work done or do it next time.
  -- Held to the end of the caller's transaction, so the next sealer reads this one's last hash.
  IF NOT pg_try_advisory_xact_lock(727002) THEN
    RETURN 0;
  END IF;

  SELECT seq, hash INTO last_seq, last_hash
  FROM audit_log WHERE seq IS NOT NULL ORDER BY seq DESC LIMIT 1;

  FOR r IN SELECT * FROM audit_log WHERE seq IS NULL ORDER BY id LIMIT max_rows LOOP
    last_seq := coalesce(last_seq, 0) + 1;
    next_hash := encode(sha256(convert_to(concat_ws('|',
      last_seq::text,
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
      groundwork_audit_field(r.ip)), 'UTF8')), 'hex');
    UPDATE audit_log SET seq = last_seq, prev_hash = last_hash, hash = next_hash WHERE id = r.id;
    last_hash := next_hash;
    sealed := sealed + 1;
  END LOOP;
  RETURN sealed;
END
$$;
