// Project templates: list the project templates (onboarding programs) the caller may read, and create drafts (admins).
import { defineRoute } from "@/lib/api/handler";
import { createProjectTemplate, listProjectTemplates } from "@/lib/templates/project-templates";
import { projectTemplateCreateSchema, projectTemplateListQuerySchema } from "@/lib/templates/validators";

export const dynamic = "force-dynamic";

// GET /api/project-templates — list project templates (onboarding programs) in the caller's scope (filters: is_draft, q, entity_id, lineage_id, profession_id; cursor pages)
export const GET = defineRoute({
  permission: "templates:read",
  summary: "List project templates",
  query: projectTemplateListQuerySchema,
  handler: ({ db, principal, query }) => listProjectTemplates(db, principal, query),
});

// POST /api/project-templates — create a draft project template owned by the admin's entity (or one below it)
export const POST = defineRoute({
  permission: "templates:write",
  summary: "Create a project template",
  body: projectTemplateCreateSchema,
  handler: ({ db, principal, body }) => createProjectTemplate(db, principal, body),
});
