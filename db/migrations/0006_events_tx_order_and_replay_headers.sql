ALTER TABLE "events" ADD COLUMN "tx_id" bigint DEFAULT (pg_current_xact_id()::text::bigint) NOT NULL;--> statement-breakpoint
ALTER TABLE "idempotency_keys" ADD COLUMN "response_headers" jsonb;--> statement-breakpoint
CREATE INDEX "events_tx_id_id_idx" ON "events" USING btree ("tx_id","id");