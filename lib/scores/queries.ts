// The SQL the score reads run, as builders, so the services and scripts/explain-scores.ts (which
// prints their plans against a large database) run the very same statements.
// No `import "server-only"`: the explain script imports this outside Next.js.
import { type SQL, sql } from "drizzle-orm";
import { COUNTER_COLUMNS } from "./counters";

const idList = (ids: readonly number[]) => sql.join(ids.map((id) => sql`${id}`), sql`, `);

/**
 * People with their user_scores counters (zeros without a row), selected by a condition on users
 * (unaliased, so the scope conditions of lib/auth/scope.ts apply as they are).
 */
export function membersSql(where: SQL): SQL {
  return sql`select users.id, users.name, users.entity_id, users.manager_id, users.is_active,
      ${sql.raw(COUNTER_COLUMNS.map((c) => `coalesce(s.${c}, 0)::${c.endsWith("minutes") ? "float8" : "int"} as ${c}`).join(", "))}
    from users left join user_scores s on s.user_id = users.id
    where ${where}
    order by users.id`;
}

/** Condition on entities (alias given) for the subtree under a materialised path: one indexed prefix match. */
export const inSubtree = (pathColumn: SQL, path: string): SQL => sql`${pathColumn} like ${`${path.replace(/[\\%_]/g, (c) => `\\${c}`)}%`}`;

const overdue = (now: Date) =>
  sql`t.completed_at is null and t.due_date < ${now.toISOString()}::timestamptz and not coalesce(s.is_final, false)`;

/** Overdue owned tasks per user, through task_assignee by assignee (a person, a manager's reports). */
export function overdueOfUsersSql(userIds: readonly number[], now: Date): SQL {
  return sql`select ta.assignee_id as user_id, count(*)::int as n
    from task_assignee ta join tasks t on t.id = ta.task_id left join statuses s on s.id = t.status_id
    where ta.assignee_id in (${idList(userIds)}) and ta.role = 'owner' and ${overdue(now)}
    group by ta.assignee_id`;
}

/**
 * Overdue owned tasks per owner over an entity subtree's work, through the open-task index on tasks
 * (tasks_open_due_idx), one entity at a time. The planner cannot know that open tasks are mostly due
 * in the future (it multiplies "open" by "past due" as if independent) and would scan every task;
 * the LATERAL subquery, kept apart by OFFSET 0, makes it read each entity's open past-due tasks by index.
 */
export function overdueInSubtreeSql(entityPath: string, now: Date): SQL {
  return sql`select o.assignee_id as user_id, count(*)::int as n
    from entities e
    cross join lateral (
      select ta.assignee_id, t.status_id
      from tasks t join task_assignee ta on ta.task_id = t.id and ta.role = 'owner'
      where t.entity_id = e.id and t.completed_at is null and t.due_date < ${now.toISOString()}::timestamptz
      offset 0
    ) o
    left join statuses s on s.id = o.status_id
    where ${inSubtree(sql`e.path`, entityPath)} and not coalesce(s.is_final, false)
    group by o.assignee_id`;
}

/** The child of the entity at `path` that a member's entity path lies under; null for the entity itself. */
export const childOf = (memberPath: SQL, path: string): SQL => sql`nullif(split_part(substr(${memberPath}, ${path.length + 1}), '/', 1), '')::int`;

/**
 * Overdue open work of an entity subtree per direct child entity (null: the entity's own), by the
 * entity the tasks belong to. Read from the open-task index alone (tasks_open_due_idx: entity, due
 * date, status, where completed_at is null): no task row and no assignee is looked up, so an
 * organisation-wide count costs one index range per entity. LATERAL and OFFSET 0 as above.
 */
export function overdueByChildSql(entityPath: string, now: Date): SQL {
  return sql`select ${childOf(sql`e.path`, entityPath)} as child_id, count(*)::int as n
    from entities e
    cross join lateral (
      select t.status_id
      from tasks t
      where t.entity_id = e.id and t.completed_at is null and t.due_date < ${now.toISOString()}::timestamptz
      offset 0
    ) o
    left join statuses s on s.id = o.status_id
    where ${inSubtree(sql`e.path`, entityPath)} and not coalesce(s.is_final, false)
    group by 1`;
}

/** Summed counters of an entity subtree's active members, per direct child entity (null: the entity's own). */
export function entityGroupsSql(path: string, visible: SQL): SQL {
  return sql`select ${childOf(sql`e.path`, path)} as child_id, count(*)::int as members,
      ${sql.raw(COUNTER_COLUMNS.map((c) => `coalesce(sum(s.${c}), 0)::float8 as ${c}`).join(", "))}
    from users join entities e on e.id = users.entity_id left join user_scores s on s.user_id = users.id
    where ${inSubtree(sql`e.path`, path)} and users.is_active and ${visible}
    group by 1`;
}
