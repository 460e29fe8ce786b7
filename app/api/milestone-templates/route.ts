// Milestone templates: list the milestone templates the caller may read, and create drafts (admins).
import { defineRoute } from "@/lib/api/handler";
import { createMilestoneTemplate, listMilestoneTemplates } from "@/lib/templates/milestone-templates";
import { milestoneTemplateCreateSchema, milestoneTemplateListQuerySchema } from "@/lib/templates/validators";

export const dynamic = "force-dynamic";

// GET /api/milestone-templates — list milestone templates in the caller's scope (filters: is_draft, q, entity_id, lineage_id; cursor pages)
export const GET = defineRoute({
  permission: "templates:read",
  summary: "List milestone templates",
  query: milestoneTemplateListQuerySchema,
  handler: ({ db, principal, query }) => listMilestoneTemplates(db, principal, query),
});

// POST /api/milestone-templates — create a draft milestone template owned by the admin's entity (or one below it)
export const POST = defineRoute({
  permission: "templates:write",
  summary: "Create a milestone template",
  body: milestoneTemplateCreateSchema,
  handler: ({ db, principal, body }) => createMilestoneTemplate(db, principal, body),
});
