// Session revocation: bumps session_version, so every session of the user ends at its next request.
import { defineRoute } from "@/lib/api/handler";
import { revokeUserSessions } from "@/lib/entities/users";
import { idParamsSchema } from "@/lib/entities/validators";

export const dynamic = "force-dynamic";

// POST /api/users/:id/revoke-sessions — sign the user out everywhere (204)
export const POST = defineRoute({
  permission: "sessions:revoke",
  summary: "Revoke every session of a user",
  params: idParamsSchema,
  handler: async ({ db, principal, params }) => {
    await revokeUserSessions(db, principal, params);
    return new Response(null, { status: 204 });
  },
});
