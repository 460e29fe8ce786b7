// Step templates: list the step templates the caller may read, and create drafts (admins).
import { defineRoute } from "@/lib/api/handler";
import { createStepTemplate, listStepTemplates } from "@/lib/templates/step-templates";
import { stepTemplateCreateSchema, stepTemplateListQuerySchema } from "@/lib/templates/validators";

export const dynamic = "force-dynamic";

// GET /api/step-templates — list step templates in the caller's scope (filters: is_draft, kind, q, entity_id, lineage_id; cursor pages)
export const GET = defineRoute({
  permission: "templates:read",
  summary: "List step templates",
  query: stepTemplateListQuerySchema,
  handler: ({ db, principal, query }) => listStepTemplates(db, principal, query),
});

// POST /api/step-templates — create a draft step template owned by the admin's entity (or one below it)
export const POST = defineRoute({
  permission: "templates:write",
  summary: "Create a step template",
  body: stepTemplateCreateSchema,
  handler: ({ db, principal, body }) => createStepTemplate(db, principal, body),
});
