import { defineRoute } from "@/lib/api/handler";
import { tokenIdParams } from "@/lib/auth/token-validators";
import { getApiToken, revokeApiToken } from "@/lib/auth/tokens";

export const dynamic = "force-dynamic";

// GET /api/tokens/:id — one token (own, or an admin's view of a user in their tree); never the secret
export const GET = defineRoute({
  permission: "tokens:manage",
  summary: "Get an API token",
  params: tokenIdParams,
  handler: ({ db, principal, params }) => getApiToken(db, principal, { id: params.id }),
});

// DELETE /api/tokens/:id — revoke a token at once; revoking a revoked token is answered the same (204)
export const DELETE = defineRoute({
  permission: "tokens:manage",
  summary: "Revoke an API token",
  params: tokenIdParams,
  handler: async ({ db, principal, params }) => {
    await revokeApiToken(db, principal, { id: params.id });
  },
});
