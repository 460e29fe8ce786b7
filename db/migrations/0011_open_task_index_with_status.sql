-- The entity dashboards count overdue work per child entity straight from the open-task index: with
-- the status in it, the count reads no task row and looks up no assignee (lib/scores/queries.ts,
-- overdueByChildSql). The index had (entity_id, due_date); it keeps its name and predicate.
DROP INDEX IF EXISTS "tasks_open_due_idx";--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "tasks_open_due_idx" ON "tasks" USING btree ("entity_id", "due_date", "status_id") WHERE "completed_at" IS NULL;
