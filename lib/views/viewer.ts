// What the interface needs to know about the signed-in person to speak their language and tell
// their time: their own language, else the default of their entity or its nearest ancestor that
// sets one; their own time zone, else their entity's. Reads only the principal's own row.
import "server-only";
import { and, eq, inArray, isNotNull, sql } from "drizzle-orm";
import type { DbOrTx } from "../../db/client";
import { entities, languages, users } from "../../db/schema";
import type { Principal } from "../auth/principal";

export type ViewerPreferences = {
  /** The person's own language code (BCP 47), if they chose one. */
  userLanguage: string | null;
  /** The default language of their entity or its nearest ancestor that sets one. */
  entityLanguage: string | null;
  /** IANA time zone: their own, else their entity's. */
  timeZone: string;
};

export async function viewerPreferences(db: DbOrTx, principal: Principal): Promise<ViewerPreferences> {
  const [own] = await db
    .select({
      language: languages.code,
      timeZone: sql<string>`coalesce(${users.timeZone}, ${entities.timeZone}, 'UTC')`,
    })
    .from(users)
    .innerJoin(entities, eq(entities.id, users.entityId))
    .leftJoin(languages, eq(languages.id, users.languageId))
    .where(eq(users.id, principal.userId))
    .limit(1);
  const lineage = principal.entityPath
    .split("/")
    .filter((part) => /^\d+$/.test(part))
    .map(Number);
  const [inherited] = lineage.length
    ? await db
        .select({ code: languages.code })
        .from(entities)
        .innerJoin(languages, eq(languages.id, entities.defaultLanguageId))
        .where(and(inArray(entities.id, lineage), isNotNull(entities.defaultLanguageId)))
        .orderBy(sql`length(${entities.path}) desc`)
        .limit(1)
    : [];
  return { userLanguage: own?.language ?? null, entityLanguage: inherited?.code ?? null, timeZone: own?.timeZone ?? "UTC" };
}
