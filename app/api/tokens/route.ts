import { defineRoute } from "@/lib/api/handler";
import { createTokenBody, listTokensQuery, tokenExpiryOf } from "@/lib/auth/token-validators";
import { createApiToken, listApiTokens } from "@/lib/auth/tokens";

export const dynamic = "force-dynamic";

// GET /api/tokens — the caller's API tokens (admins: ?user_id= for a user in their tree), newest first
export const GET = defineRoute({
  permission: "tokens:manage",
  summary: "List API tokens",
  query: listTokensQuery,
  handler: ({ db, principal, query }) => listApiTokens(db, principal, { userId: query.user_id, cursor: query.cursor, limit: query.limit }),
});

// POST /api/tokens — create a token for the caller; the answer is the only time the token is shown
export const POST = defineRoute({
  permission: "tokens:manage",
  summary: "Create an API token",
  body: createTokenBody,
  handler: async ({ db, principal, body }) => {
    const { token, record } = await createApiToken(db, principal, { name: body.name, scopes: body.scopes, expiresAt: tokenExpiryOf(body) });
    return { token, ...record };
  },
});
