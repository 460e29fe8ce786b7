// Request shapes of the API token endpoints, shared by the route handlers, the settings form and
// the OpenAPI document. The service re-checks the same rules, because the CLI does not come through here.
import { z } from "zod";
import { TOKEN_SCOPES } from "../../db/schema";
import { idParamsSchema, idTextSchema } from "../entities/id-schemas";

export const TOKEN_NAME_MAX = 100;
export const TOKEN_EXPIRY_DAYS_MAX = 365;
/** Choices the settings form offers; `null` means the token never expires. */
export const TOKEN_EXPIRY_CHOICES = [7, 30, 90, 365, null] as const;


export const tokenScopes = z
  .array(z.enum(TOKEN_SCOPES))
  .min(1, { error: "Choose at least one scope." })
  .max(TOKEN_SCOPES.length)
  .refine((scopes) => new Set(scopes).size === scopes.length, { error: "List each scope once." });

export const createTokenBody = z
  .object({
    name: z.string().trim().min(1, { error: "Give the token a name." }).max(TOKEN_NAME_MAX),
    scopes: tokenScopes,
    expires_in_days: z.number().int().min(1).max(TOKEN_EXPIRY_DAYS_MAX).optional(),
    expires_at: z.iso.datetime({ offset: true }).optional(),
  })
  .strict()
  .superRefine((body, ctx) => {
    if (body.expires_in_days !== undefined && body.expires_at !== undefined) {
      ctx.addIssue({ code: "custom", path: ["expires_at"], message: "Give expires_in_days or expires_at, not both." });
    }
    // Checked at parse time so the answer is a field error, not a later generic refusal.
    if (body.expires_at !== undefined && Date.parse(body.expires_at) <= Date.now()) {
      ctx.addIssue({ code: "custom", path: ["expires_at"], message: "expires_at must be in the future." });
    }
  });
export type CreateTokenBody = z.infer<typeof createTokenBody>;

/** The expiry a create body asks for: null when it asks for none (the token never expires). */
export function tokenExpiryOf(body: Pick<CreateTokenBody, "expires_in_days" | "expires_at">, now = new Date()): Date | null {
  if (body.expires_at !== undefined) return new Date(body.expires_at);
  if (body.expires_in_days !== undefined) return new Date(now.getTime() + body.expires_in_days * 86_400_000);
  return null;
}

export const listTokensQuery = z
  .object({
    /** Another user's tokens (admins, within their entity tree); omitted → the caller's own. */
    user_id: idTextSchema.optional(),
    /** The next_cursor of the previous page. */
    cursor: idTextSchema.optional(),
    limit: z.coerce.number().int().min(1).max(200).optional(),
  })
  .strict();
export type ListTokensQuery = z.infer<typeof listTokensQuery>;

/** Digits only: "1e3" or "0x10" is not read as another token's id. */
export const tokenIdParams = idParamsSchema;
export type TokenIdParams = z.infer<typeof tokenIdParams>;
