// What the interface needs to know about the signed-in person to speak their language and tell
// their time: their own language, else the default of their entity or its nearest ancestor that
// sets one; their own time zone, else their entity's. Reads only the principal's own row.
import "server-only";
import { eq, sql } from "drizzle-orm";
import type { DbOrTx } from "../../db/client";
import { entities, languages, users } from "../../db/schema";
import type { Principal } from "../auth/principal";
import { entityLanguage } from "../guides/languages";

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
  return { userLanguage: own?.language ?? null, entityLanguage: await entityLanguage(db, principal.entityPath), timeZone: own?.timeZone ?? "UTC" };
}
