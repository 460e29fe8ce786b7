// Languages and formats (reference data) and the reader's language fallback chain:
// requested → the reader's own language → their entity's default (nearest ancestor that sets
// one) → English → any translation there is.
import "server-only";
import { and, eq, inArray, isNotNull, sql } from "drizzle-orm";
import type { DbOrTx } from "../../db/client";
import { entities, formats, languages, users, type FormatCode } from "../../db/schema";
import { ApiError } from "../api/errors";
import type { Principal } from "../auth/principal";

export type LanguageDto = { id: number; code: string; name: string };
export type FormatDto = { id: number; code: FormatCode; name: string };

export async function listLanguages(db: DbOrTx): Promise<LanguageDto[]> {
  return db.select({ id: languages.id, code: languages.code, name: languages.name }).from(languages).orderBy(languages.code);
}

export async function listFormats(db: DbOrTx): Promise<FormatDto[]> {
  return db.select({ id: formats.id, code: formats.code, name: formats.name }).from(formats).orderBy(formats.id);
}

/** The languages row of a BCP 47 code, matched case-insensitively ("pt-br" is "pt-BR"); unknown → 422. */
export async function languageByCode(db: DbOrTx, code: string, field: string): Promise<LanguageDto> {
  const [row] = await db
    .select({ id: languages.id, code: languages.code, name: languages.name })
    .from(languages)
    .where(sql`lower(${languages.code}) = lower(${code})`)
    .limit(1);
  if (!row) {
    throw new ApiError("validation_failed", `The language ${code} is not available.`, {
      issues: [{ path: field, message: `The language ${code} is not available. GET /api/languages lists the ones that are.` }],
    });
  }
  return row;
}

export async function formatIdOf(db: DbOrTx, code: FormatCode): Promise<number> {
  const [row] = await db.select({ id: formats.id }).from(formats).where(eq(formats.code, code)).limit(1);
  if (!row) throw new Error(`reference data missing: format ${code}`);
  return row.id;
}

/** Why the served translation was chosen, in the order the chain tries them. */
export type LanguageSource = "requested" | "user" | "entity" | "english" | "any";

export type ReaderLanguages = { user: string | null; entity: string | null };

/** The reader's own language and the default of their entity or its nearest ancestor that sets one. */
export async function readerLanguages(db: DbOrTx, principal: Principal): Promise<ReaderLanguages> {
  const [user] = await db
    .select({ code: languages.code })
    .from(users)
    .innerJoin(languages, eq(languages.id, users.languageId))
    .where(eq(users.id, principal.userId))
    .limit(1);
  return { user: user?.code ?? null, entity: await entityLanguage(db, principal.entityPath) };
}

/** The default language of the entity at `entityPath`, else of its nearest ancestor that sets one. */
export async function entityLanguage(db: DbOrTx, entityPath: string): Promise<string | null> {
  const lineage = entityPath
    .split("/")
    .filter((part) => /^\d+$/.test(part))
    .map(Number);
  if (lineage.length === 0) return null;
  const [nearest] = await db
    .select({ code: languages.code })
    .from(entities)
    .innerJoin(languages, eq(languages.id, entities.defaultLanguageId))
    .where(and(inArray(entities.id, lineage), isNotNull(entities.defaultLanguageId)))
    .orderBy(sql`length(${entities.path}) desc`)
    .limit(1);
  return nearest?.code ?? null;
}

/**
 * The available code that best serves a preferred tag: the tag itself, then ever shorter prefixes
 * (RFC 4647 lookup: "de-AT" falls back to "de"), then a regional variant of it ("de" finds "de-CH").
 */
export function matchLanguage(preferred: string, available: readonly string[]): string | undefined {
  const lower = available.map((code) => code.toLowerCase());
  const subtags = preferred.toLowerCase().split("-");
  for (let length = subtags.length; length > 0; length--) {
    const candidate = subtags.slice(0, length).join("-");
    const index = lower.indexOf(candidate);
    if (index >= 0) return available[index];
  }
  const base = subtags[0] ?? "";
  const index = lower.findIndex((code) => code.startsWith(`${base}-`));
  return index >= 0 ? available[index] : undefined;
}

/** The translation to serve among those available (codes), with why it was chosen; undefined when none exist. */
export function chooseLanguage(
  available: readonly string[],
  preferences: { requested?: string | null } & ReaderLanguages,
): { code: string; source: LanguageSource } | undefined {
  const chain: [string | null | undefined, LanguageSource][] = [
    [preferences.requested, "requested"],
    [preferences.user, "user"],
    [preferences.entity, "entity"],
    ["en", "english"],
  ];
  for (const [preferred, source] of chain) {
    if (!preferred) continue;
    const code = matchLanguage(preferred, available);
    if (code !== undefined) return { code, source };
  }
  const any = [...available].sort()[0];
  return any === undefined ? undefined : { code: any, source: "any" };
}
