// Onboarding start: the specification's flow step "initiate_onboarding".
import { defineRoute } from "@/lib/api/handler";
import { startOnboarding } from "@/lib/onboarding/service";
import { onboardingStartSchema } from "@/lib/onboarding/validators";

export const dynamic = "force-dynamic";

// POST /api/onboarding/start — start a user's onboarding program (201 created; 200 with created: false when it already runs)
export const POST = defineRoute({
  permission: "onboarding:start",
  summary: "Start a user's onboarding program",
  body: onboardingStartSchema,
  handler: async ({ db, principal, body }) => {
    const result = await startOnboarding(db, principal, { userId: body.user_id, projectTemplateId: body.project_template_id });
    return Response.json(result, {
      status: result.created ? 201 : 200,
      headers: { location: `/api/projects/${result.project.id}` },
    });
  },
});
