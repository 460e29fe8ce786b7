// Task templates: list the task templates the caller may read, and create drafts (admins).
import { defineRoute } from "@/lib/api/handler";
import { createTaskTemplate, listTaskTemplates } from "@/lib/templates/task-templates";
import { taskTemplateCreateSchema, taskTemplateListQuerySchema } from "@/lib/templates/validators";

export const dynamic = "force-dynamic";

// GET /api/task-templates — list task templates in the caller's scope (filters: is_draft, kind, q, entity_id, lineage_id, profession_id; cursor pages)
export const GET = defineRoute({
  permission: "templates:read",
  summary: "List task templates",
  query: taskTemplateListQuerySchema,
  handler: ({ db, principal, query }) => listTaskTemplates(db, principal, query),
});

// POST /api/task-templates — create a draft task template owned by the admin's entity (or one below it)
export const POST = defineRoute({
  permission: "templates:write",
  summary: "Create a task template",
  body: taskTemplateCreateSchema,
  handler: ({ db, principal, body }) => createTaskTemplate(db, principal, body),
});
