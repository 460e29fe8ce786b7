// The level rows a profession needs (specializations: profession_id + level). Evaluation never
// creates them: a level is reference data an admin names, and a level that is missing is answered
// as missing. They are created with the profession's data instead: by the seeds, by the migration
// that introduced the rules (for professions that already existed), and by ensureSpecializationLevels.
// No `import "server-only"`: the seeds call this.
import { sql } from "drizzle-orm";
import type { DbOrTx } from "../../db/client";
import { SPECIALIZATION_LEVELS, type SpecializationLevel } from "../../db/schema";
import { LEVEL_RULES } from "./rules";

export const levelTitle = (level: SpecializationLevel): string => `${level.charAt(0).toUpperCase()}${level.slice(1)}`;

/** Creates the missing beginner/intermediate/advanced rows of the given professions; existing rows are kept. */
export async function ensureSpecializationLevels(tx: DbOrTx, professionIds: readonly number[]): Promise<void> {
  if (professionIds.length === 0) return;
  const levels = sql.join(
    SPECIALIZATION_LEVELS.map((level) => sql`(${level}, ${levelTitle(level)}, ${LEVEL_RULES[level]})`),
    sql`, `,
  );
  await tx.execute(sql`insert into specializations (profession_id, level, name, description)
    select p.id, v.level, left(p.name || ' — ' || v.title, 100), v.rule
    from professions p cross join (values ${levels}) as v(level, title, rule)
    where p.id in (${sql.join(professionIds.map((id) => sql`${id}`), sql`, `)})
    order by p.id, v.level
    on conflict (profession_id, level) do nothing`);
}
