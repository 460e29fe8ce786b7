// Seed phase 3: what is derived from the generated rows (the score rollup) and the specialization
// levels of every profession.
import { type SQL, sql } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import { COUNTER_COLUMNS, scoreCountersSql } from "../../lib/scores/counters";
import { levelTitle } from "../../lib/specializations/levels";
import { LEVEL_RULES } from "../../lib/specializations/rules";
import { SPECIALIZATION_LEVELS } from "../schema/metrics";
import { lit, type ScaleLayout } from "./scale-sql-layout";

/** The user_scores rollup: the counters' one definition (lib/scores/counters.ts) over every user. */
export function scoresSql(l: ScaleLayout): string {
  const a = `timestamptz ${lit(l.anchor)}`;
  const columns = COUNTER_COLUMNS.join(", ");
  return `
    insert into user_scores (user_id, entity_id, ${columns}, created_at, updated_at)
    select c.user_id, u.entity_id, ${COUNTER_COLUMNS.map((column) => `c.${column}`).join(", ")}, ${a}, ${a}
    from (${inlineSql(scoreCountersSql({ users: sql`select id from users` }))}) c join users u on u.id = c.user_id`;
}

/** The three specialization levels of every profession (lib/specializations/levels.ts names them). */
export function specializationLevelsSql(l: ScaleLayout): string {
  const a = `timestamptz ${lit(l.anchor)}`;
  return `
    insert into specializations (profession_id, level, name, description, created_at, updated_at)
    select p.id, v.level, left(p.name || ' — ' || v.title, 100), v.rule, ${a}, ${a}
    from professions p cross join (values ${SPECIALIZATION_LEVELS.map((level) => `(${lit(level)}, ${lit(levelTitle(level))}, ${lit(LEVEL_RULES[level])})`).join(", ")}) v(level, title, rule)
    on conflict (profession_id, level) do nothing`;
}

/** A parameterless Drizzle fragment as plain SQL text, for the seed's text statements. */
function inlineSql(fragment: SQL): string {
  const query = new PgDialect().sqlToQuery(fragment);
  if (query.params.length) throw new Error("the seed inlines parameterless SQL only");
  return query.sql;
}
