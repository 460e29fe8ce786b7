-- Overdue work is counted when read (it depends on the clock, not on a change): an entity's count
-- reads its open tasks past due through this index instead of every task of the subtree.
-- completed_at is set exactly when a task reaches done, so the index holds open and cancelled tasks.
CREATE INDEX IF NOT EXISTS "tasks_open_due_idx" ON "tasks" USING btree ("entity_id", "due_date") WHERE "completed_at" IS NULL;--> statement-breakpoint

-- user_scores is derived data (running sums of audited rows, rebuildable with `scores:rebuild`),
-- like the other caches the audit log leaves out: auditing it would log every task move twice.
DROP TRIGGER IF EXISTS audit_row_change ON "user_scores";--> statement-breakpoint

-- Every existing profession gets its three specialization levels (lib/specializations/levels.ts
-- creates them for professions added later); rows that exist are kept as they are.
INSERT INTO "specializations" ("profession_id", "level", "name", "description")
SELECT p.id, v.level, left(p.name || ' — ' || v.title, 100), v.rule
FROM "professions" p
CROSS JOIN (VALUES
  ('beginner', 'Beginner', 'Unlocked by 1 completed project.'),
  ('intermediate', 'Intermediate', 'Unlocked by 3 passed milestone tests.'),
  ('advanced', 'Advanced', 'Unlocked by 2 or more completed projects and a progress score above the entity''s threshold.')
) AS v(level, title, rule)
ORDER BY p.id, v.level
ON CONFLICT ("profession_id", "level") DO NOTHING;
