// Input schemas of the guides API (guides, translations, links, acknowledgements), shared by the
// route handlers, the services' parameter types and the OpenAPI document. Bodies are strict, so a
// field the caller may not set (created_by, version of another row) is refused, never dropped.
import { z } from "zod";
import { FORMAT_CODES, GUIDEABLE_TYPES } from "../../db/schema/guides";
import { PAGE_SIZE_MAX } from "../api/pagination";
import { idSchema, languageCodeSchema } from "../entities/id-schemas";

export { idParamsSchema, languageCodeSchema } from "../entities/id-schemas";
export { etagOf, ifMatchVersion } from "../api/versioning";

/** Markdown bodies stay well below the guides routes' 256 KiB request limit. */
export const MAX_BODY_CHARS = 60_000;
/** The request limit of the guide routes that carry markdown bodies. */
export const GUIDE_MAX_BODY_BYTES = 256 * 1024;

const versionSchema = z.number().int().positive().max(2_147_483_647);

const idText = z
  .string()
  .regex(/^\d{1,10}$/, { error: "Expected a positive integer id." })
  .transform(Number)
  .pipe(idSchema);

const booleanText = z.enum(["true", "false"], { error: "Use true or false." }).transform((v) => v === "true");

const nameSchema = z.string().trim().min(1, { error: "Enter a name." }).max(100, { error: "Use at most 100 characters." });
const formatSchema = z.enum(FORMAT_CODES, { error: `Format must be one of ${FORMAT_CODES.join(", ")}.` });

/**
 * An absolute https URL without credentials. Video and interactive content is embedded in pages
 * served over https: an http source would be blocked as mixed content (or, worse, tampered with).
 */
export const mediaUrlSchema = z
  .string()
  .trim()
  .max(2048, { error: "Use at most 2048 characters." })
  .refine(isSafeMediaUrl, { error: "Use an absolute https:// URL without user name or password." });

function isSafeMediaUrl(value: string): boolean {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  return url.protocol === "https:" && url.hostname !== "" && url.username === "" && url.password === "";
}

/** One translation's content; whether media_url is required or refused depends on the guide's format. */
const translationContent = {
  title: z.string().trim().min(1, { error: "Enter a title." }).max(200, { error: "Use at most 200 characters." }),
  body: z.string().max(MAX_BODY_CHARS, { error: `Use at most ${MAX_BODY_CHARS} characters.` }).default(""),
  media_url: mediaUrlSchema.nullable().optional(),
};

export const translationInputSchema = z.object({ language: languageCodeSchema, ...translationContent }).strict();

export const guideCreateSchema = z
  .object({
    name: nameSchema,
    format: formatSchema,
    /** Defaults to the admin's own entity; must lie in their subtree. Global guides (null) are not created over the API. */
    entity_id: idSchema.optional(),
    /** New guides are drafts unless published explicitly: a half-written guide is never shown to readers. */
    is_published: z.boolean().default(false),
    translations: z
      .array(translationInputSchema)
      .min(1, { error: "Add at least one translation." })
      .max(50)
      .refine((list) => new Set(list.map((t) => t.language.toLowerCase())).size === list.length, {
        error: "Give each language at most one translation.",
      }),
  })
  .strict();

export const guideUpdateSchema = z
  .object({
    name: nameSchema.optional(),
    format: formatSchema.optional(),
    entity_id: idSchema.optional(),
    is_published: z.boolean().optional(),
    version: versionSchema.optional(),
  })
  .strict();

/** PUT /api/guides/:id/translations/:language — the language comes from the path. */
export const translationUpsertSchema = z.object({ ...translationContent, version: versionSchema.optional() }).strict();

export const translationParamsSchema = z.object({ id: idText, language: languageCodeSchema }).strict();

export const guideReadQuerySchema = z.object({ lang: languageCodeSchema.optional() }).strict();

export const guideListQuerySchema = z
  .object({
    cursor: idText.optional(),
    limit: z
      .string()
      .regex(/^\d{1,3}$/, { error: `Use a number from 1 to ${PAGE_SIZE_MAX}.` })
      .transform(Number)
      .pipe(z.number().int().min(1).max(PAGE_SIZE_MAX))
      .optional(),
    q: z.string().trim().max(100).optional(),
    format: formatSchema.optional(),
    is_published: booleanText.optional(),
    lang: languageCodeSchema.optional(),
  })
  .strict();

const guideableTypeSchema = z.enum(GUIDEABLE_TYPES, { error: `guideable_type must be one of ${GUIDEABLE_TYPES.join(", ")}.` });

export const guideLinkSchema = z.object({ guideable_type: guideableTypeSchema, guideable_id: idSchema }).strict();

export const guideableQuerySchema = z
  .object({ type: guideableTypeSchema, id: idText, lang: languageCodeSchema.optional() })
  .strict();

export const acknowledgeSchema = z
  .object({
    /** The language the reader read; defaults to the one the fallback chain serves them. */
    language: languageCodeSchema.optional(),
    /** The guide version the reader read: acknowledging a version that has since changed is refused (409). */
    version: versionSchema.optional(),
  })
  .strict()
  .default({});

export type GuideCreateInput = z.infer<typeof guideCreateSchema>;
export type GuideUpdateInput = z.infer<typeof guideUpdateSchema>;
export type TranslationInput = z.infer<typeof translationInputSchema>;
export type TranslationUpsertInput = z.infer<typeof translationUpsertSchema>;
export type GuideListQuery = z.infer<typeof guideListQuerySchema>;
export type GuideLinkInput = z.infer<typeof guideLinkSchema>;
export type GuideableQuery = z.infer<typeof guideableQuerySchema>;
export type AcknowledgeInput = z.infer<typeof acknowledgeSchema>;
