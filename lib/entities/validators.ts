// Input schemas of the organisation API (users, /api/me, entities, professions), shared by the
// route handlers, the services' parameter types and the OpenAPI document. Every body is strict:
// a field the caller may not set (role on /api/me, created_by anywhere) is refused with 422,
// never silently dropped, so mass assignment cannot slip through a spread.
import { z } from "zod";
import { PAGE_SIZE_MAX } from "../api/pagination";
import { USER_ROLES } from "../../db/schema/entities";
import { newPasswordSchema } from "../auth/password-policy";
import { idParamsSchema, idSchema, idTextSchema as idText, languageCodeSchema, MAX_ID } from "./id-schemas";

// Client forms import these from ./id-schemas directly; they stay available here for the API side.
export { idParamsSchema, idSchema, languageCodeSchema };

/** Optional free text: trimmed, and an empty string clears the value (what an emptied form field sends). */
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, { error: `Use at most ${max} characters.` })
    .transform((v) => (v === "" ? null : v))
    .nullable()
    .optional();

const nameSchema = z.string().trim().min(1, { error: "Enter a name." }).max(100, { error: "Use at most 100 characters." });

const emailSchema = z
  .string()
  .trim()
  .max(254, { error: "Use at most 254 characters." })
  .pipe(z.email({ error: "Enter a valid email address." }));

function isTimeZone(value: string): boolean {
  try {
    // The runtime's own tz database decides, so "UTC" and every IANA zone it knows are accepted.
    new Intl.DateTimeFormat("en", { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

export const timeZoneSchema = z
  .string()
  .trim()
  .max(64)
  .refine(isTimeZone, { error: "Use an IANA time zone such as Europe/Berlin or UTC." });

const roleSchema = z.enum(USER_ROLES, { error: `Role must be one of ${USER_ROLES.join(", ")}.` });

/** Optimistic lock: the version the client last read. A stale one is answered 409. */
const versionSchema = z.number().int().positive().max(MAX_ID);

// ── users ────────────────────────────────────────────────────────────────────────────────────

const personalFields = {
  phone: optionalText(40).refine((v) => v == null || /^[+0-9 ()./-]+$/.test(v), {
    error: "Use digits, spaces and + ( ) . / - only.",
  }),
  personal_notes: optionalText(2000),
  emergency_contact: optionalText(200),
};

const userFields = {
  email: emailSchema,
  name: nameSchema,
  role: roleSchema,
  entity_id: idSchema,
  manager_id: idSchema.nullable().optional(),
  profession_id: idSchema.nullable().optional(),
  language: languageCodeSchema.nullable().optional(),
  time_zone: timeZoneSchema.nullable().optional(),
  password: newPasswordSchema.optional(),
  ...personalFields,
};

export const userCreateSchema = z.object(userFields).strict();

export const userUpdateSchema = z
  .object({
    email: userFields.email.optional(),
    name: userFields.name.optional(),
    role: userFields.role.optional(),
    entity_id: userFields.entity_id.optional(),
    manager_id: userFields.manager_id,
    profession_id: userFields.profession_id,
    language: userFields.language,
    time_zone: userFields.time_zone,
    password: userFields.password,
    ...personalFields,
    is_active: z.boolean().optional(),
    version: versionSchema.optional(),
  })
  .strict();

/** What a user may change about themselves: no role, entity, manager, activation or email. */
export const meUpdateSchema = z
  .object({
    name: nameSchema.optional(),
    language: userFields.language,
    time_zone: userFields.time_zone,
    ...personalFields,
    password: newPasswordSchema.optional(),
    current_password: z.string().min(1).max(1024).optional(),
    version: versionSchema.optional(),
  })
  .strict()
  .refine((body) => body.password === undefined || body.current_password !== undefined, {
    path: ["current_password"],
    error: "Enter your current password to set a new one.",
  });

// ── entities ─────────────────────────────────────────────────────────────────────────────────

const weight = z.number().min(0).max(1);

export const scoreWeightsSchema = z
  .object({ completion: weight, help: weight, timing: weight, quality: weight, technical: weight })
  .strict()
  .refine((w) => w.completion + w.help + w.timing + w.quality + w.technical > 0, {
    error: "At least one weight must be above 0.",
  });

const entityFields = {
  name: nameSchema,
  // Required: a new tenant root is created by the operator (CLI/seed), never through the API.
  parent_id: idSchema,
  default_language: languageCodeSchema.nullable().optional(),
  time_zone: timeZoneSchema.optional(),
  advanced_threshold: z.number().min(0, { error: "Use a value from 0 to 1." }).max(1, { error: "Use a value from 0 to 1." }).optional(),
  score_weights: scoreWeightsSchema.nullable().optional(),
};

export const entityCreateSchema = z.object(entityFields).strict();

export const entityUpdateSchema = z
  .object({
    ...entityFields,
    name: entityFields.name.optional(),
    parent_id: entityFields.parent_id.optional(),
    is_active: z.boolean().optional(),
    version: versionSchema.optional(),
  })
  .strict();

// ── professions ──────────────────────────────────────────────────────────────────────────────

export const professionCreateSchema = z
  .object({ name: nameSchema, description: optionalText(500), is_active: z.boolean().optional() })
  .strict();

// No `version`: the professions table has no version column, so there is nothing to compare.
export const professionUpdateSchema = z
  .object({ name: nameSchema.optional(), description: optionalText(500), is_active: z.boolean().optional() })
  .strict();

// ── list queries ─────────────────────────────────────────────────────────────────────────────

const booleanText = z.enum(["true", "false"], { error: "Use true or false." }).transform((v) => v === "true");

const pageFields = {
  /** The `next_cursor` of the previous page: the last id it held (keyset pagination on id). */
  cursor: idText.optional(),
  limit: z
    .string()
    .regex(/^\d{1,3}$/, { error: `Use a number from 1 to ${PAGE_SIZE_MAX}.` })
    .transform(Number)
    .pipe(z.number().int().min(1).max(PAGE_SIZE_MAX))
    .optional(),
  q: z.string().trim().max(100).optional(),
  is_active: booleanText.optional(),
};

export const userListQuerySchema = z
  .object({
    ...pageFields,
    role: roleSchema.optional(),
    /** Users of this entity and the entities below it. */
    entity_id: idText.optional(),
    profession_id: idText.optional(),
  })
  .strict();

export const entityListQuerySchema = z.object({ ...pageFields, parent_id: idText.optional() }).strict();

export const professionListQuerySchema = z.object(pageFields).strict();

export type UserCreateInput = z.infer<typeof userCreateSchema>;
export type UserUpdateInput = z.infer<typeof userUpdateSchema>;
export type MeUpdateInput = z.infer<typeof meUpdateSchema>;
export type EntityCreateInput = z.infer<typeof entityCreateSchema>;
export type EntityUpdateInput = z.infer<typeof entityUpdateSchema>;
export type ProfessionCreateInput = z.infer<typeof professionCreateSchema>;
export type ProfessionUpdateInput = z.infer<typeof professionUpdateSchema>;
export type UserListQuery = z.infer<typeof userListQuerySchema>;
export type EntityListQuery = z.infer<typeof entityListQuerySchema>;
export type ProfessionListQuery = z.infer<typeof professionListQuerySchema>;

export { etagOf, ifMatchVersion } from "../api/versioning";
