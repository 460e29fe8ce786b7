// The caller's own profile: read it, and change name, language, time zone, personal fields or password.
import { defineRoute } from "@/lib/api/handler";
import { getMe, updateMe } from "@/lib/entities/me";
import { etagOf, ifMatchVersion, meUpdateSchema } from "@/lib/entities/validators";

export const dynamic = "force-dynamic";

// GET /api/me — the signed-in user with personal fields and permissions
export const GET = defineRoute({
  permission: "me:read",
  summary: "Get my profile",
  handler: async ({ db, principal }) => {
    const me = await getMe(db, principal);
    return Response.json(me, { headers: { etag: etagOf(me.version) } });
  },
});

// PATCH /api/me — update my profile (role, entity, manager and is_active are refused with 422)
export const PATCH = defineRoute({
  permission: "me:write",
  summary: "Update my profile",
  body: meUpdateSchema,
  handler: ({ db, principal, body, request }) => updateMe(db, principal, { changes: body, ifMatch: ifMatchVersion(request) }),
});
