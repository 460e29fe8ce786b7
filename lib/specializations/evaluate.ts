// Specializations evaluated from the database: the user's counters in user_scores (kept equal to a
// rebuild from the rows) and their entity's progress blend and threshold. A level met and defined
// for the user's profession is unlocked once, with its evidence, and announced through the outbox.
// Unlocked levels stay unlocked: a later dip in progress does not take a level back.
// No `import "server-only"`: the seed and the rebuild command evaluate through this.
import { sql } from "drizzle-orm";
import { type DbOrTx, queryRows } from "../../db/client";
import { preparedSql } from "../../db/prepared";
import { SPECIALIZATION_LEVELS, type SpecializationLevel } from "../../db/schema";
import { emitEvents } from "../realtime/outbox";
import { type CounterColumn, toScoreCounters } from "../scores/counters";
import { computeScores } from "../scores/formulas";
import { scoringOfEntities } from "../scores/weights";
import { LEVEL_RULES, type Requirement, requirementsOf, type SpecializationFacts } from "./rules";

export type LevelStanding = {
  level: SpecializationLevel;
  /** The specializations row of the user's profession at this level; null when none is defined. */
  specialization_id: number | null;
  name: string | null;
  rule: string;
  requirements: Requirement[];
  met: boolean;
  unlocked: boolean;
  unlocked_at: string | null;
  evidence: Record<string, unknown> | null;
  notes: string | null;
  /** Unlocked by this evaluation. */
  newly_unlocked: boolean;
};

export type SpecializationStanding = {
  user_id: number;
  entity_id: number;
  profession_id: number | null;
  facts: { completed_projects: number; passed_milestone_tests: number; progress: number | null; advanced_threshold: number };
  levels: LevelStanding[];
  /** The lowest level not unlocked yet and what it still needs; null once all are unlocked. */
  next: { level: SpecializationLevel; rule: string; missing: Requirement[]; defined: boolean } | null;
  /** Why nothing can unlock (no profession, levels not defined); null otherwise. */
  blocked_reason: string | null;
};

type UserFacts = { id: number; entity_id: number; profession_id: number | null } & Record<CounterColumn, number | string | null>;
type LevelRow = { id: number; profession_id: number; level: SpecializationLevel; name: string };
type UnlockedRow = { user_id: number; specialization_id: number; unlocked_at: Date | string; evidence: Record<string, unknown>; notes: string | null };

const idList = (ids: readonly number[]) => sql.join(ids.map((id) => sql`${id}`), sql`, `);

/** Each user's standing per level, read only. Users that do not exist are absent. */
export async function standingsOf(tx: DbOrTx, userIds: readonly number[]): Promise<Map<number, SpecializationStanding>> {
  const ids = [...new Set(userIds)].sort((a, b) => a - b);
  if (ids.length === 0) return new Map();
  // Read after every change that moves a counter: prepared statements (db/prepared.ts).
  const list = sql.placeholder("ids");
  const people = await preparedSql<UserFacts>(
    tx,
    "specialization_people",
    () => sql`select u.id, u.entity_id, u.profession_id, s.assigned_tasks, s.completed_tasks, s.helped_tasks, s.actual_minutes, s.expected_minutes,
          s.correct_answers, s.total_questions, s.rating_sum, s.rating_count, s.completed_projects, s.passed_milestone_tests
        from users u left join user_scores s on s.user_id = u.id where u.id = any(${list}) order by u.id`,
  ).execute({ ids });
  const professionIds = [...new Set(people.flatMap((p) => (p.profession_id === null ? [] : [p.profession_id])))];
  const levelRows = professionIds.length
    ? await preparedSql<LevelRow>(tx, "specialization_levels", () => sql`select id, profession_id, level, name from specializations where profession_id = any(${list})`).execute({
        ids: professionIds,
      })
    : [];
  const unlockedRows = await preparedSql<UnlockedRow>(
    tx,
    "specialization_unlocked",
    () => sql`select user_id, specialization_id, unlocked_at, evidence, notes from user_specializations where user_id = any(${list})`,
  ).execute({ ids });
  const scoring = await scoringOfEntities(tx, people.map((p) => p.entity_id));

  const result = new Map<number, SpecializationStanding>();
  for (const person of people) {
    const entity = scoring.get(person.entity_id);
    const facts: SpecializationFacts = {
      completedProjects: Number(person.completed_projects ?? 0),
      passedMilestoneTests: Number(person.passed_milestone_tests ?? 0),
      progress: computeScores(toScoreCounters(person), entity?.weights).progress,
      advancedThreshold: entity?.advancedThreshold ?? 1,
    };
    const levels = SPECIALIZATION_LEVELS.map((level): LevelStanding => {
      const row = levelRows.find((l) => l.profession_id === person.profession_id && l.level === level);
      const unlocked = row ? unlockedRows.find((u) => u.user_id === person.id && u.specialization_id === row.id) : undefined;
      const requirements = requirementsOf(level, facts);
      return {
        level,
        specialization_id: row?.id ?? null,
        name: row?.name ?? null,
        rule: LEVEL_RULES[level],
        requirements,
        met: requirements.every((r) => r.met),
        unlocked: unlocked !== undefined,
        unlocked_at: unlocked ? new Date(unlocked.unlocked_at).toISOString() : null,
        evidence: unlocked?.evidence ?? null,
        notes: unlocked?.notes ?? null,
        newly_unlocked: false,
      };
    });
    result.set(person.id, {
      user_id: person.id,
      entity_id: person.entity_id,
      profession_id: person.profession_id,
      facts: {
        completed_projects: facts.completedProjects,
        passed_milestone_tests: facts.passedMilestoneTests,
        progress: facts.progress,
        advanced_threshold: facts.advancedThreshold,
      },
      levels,
      next: nextOf(levels),
      blocked_reason: blockedReason(person.profession_id, levels),
    });
  }
  return result;
}

function nextOf(levels: LevelStanding[]): SpecializationStanding["next"] {
  const next = levels.find((l) => !l.unlocked);
  if (!next) return null;
  return { level: next.level, rule: next.rule, missing: next.requirements.filter((r) => !r.met), defined: next.specialization_id !== null };
}

function blockedReason(professionId: number | null, levels: LevelStanding[]): string | null {
  if (professionId === null) return "The user has no profession; specializations are defined per profession, so none can unlock until one is set.";
  const missing = levels.filter((l) => l.specialization_id === null).map((l) => l.level);
  if (missing.length === 0) return null;
  return `The user's profession defines no ${missing.join(", ")} level; an admin must create ${missing.length === 1 ? "it" : "them"} before ${missing.length === 1 ? "it" : "they"} can unlock.`;
}

export type EvaluateOptions = {
  actorId?: number | null;
  notes?: string | null;
  /** False for bulk loads (the benchmark seed), whose history should not flood the outbox. */
  emitEvents?: boolean;
};

/**
 * Unlocks every level that is met, defined for the user's profession and not yet unlocked, storing
 * the evidence (project ids, milestone test task ids, counts, progress, threshold) and emitting
 * `specialization.unlocked`. Answers the standings after the unlocks.
 */
export async function evaluateSpecializations(
  tx: DbOrTx,
  userIds: readonly number[],
  options: EvaluateOptions = {},
): Promise<Map<number, SpecializationStanding>> {
  const standings = await standingsOf(tx, userIds);
  const due = [...standings.values()].flatMap((s) =>
    s.levels.filter((l) => l.met && !l.unlocked && l.specialization_id !== null).map((l) => ({ standing: s, level: l })),
  );
  if (due.length === 0) return standings;

  const rows = await evidenceOf(tx, [...new Set(due.map((d) => d.standing.user_id))]);
  const evidenceOfDue = new Map(
    due.map(({ standing, level }) => [
      `${standing.user_id}:${level.specialization_id}`,
      { rule: level.rule, level: level.level, ...rows.get(standing.user_id), ...standing.facts },
    ]),
  );
  const inserted = await queryRows<{ user_id: number; specialization_id: number; unlocked_at: Date | string }>(
    tx,
    sql`insert into user_specializations (user_id, specialization_id, evidence, notes)
        values ${sql.join(
          due.map(
            ({ standing, level }) =>
              sql`(${standing.user_id}, ${level.specialization_id}, ${JSON.stringify(evidenceOfDue.get(`${standing.user_id}:${level.specialization_id}`))}::jsonb, ${options.notes ?? null})`,
          ),
          sql`, `,
        )}
        on conflict (user_id, specialization_id) do nothing
        returning user_id, specialization_id, unlocked_at`,
  );
  const events = [];
  for (const row of inserted) {
    const standing = standings.get(row.user_id);
    const level = standing?.levels.find((l) => l.specialization_id === row.specialization_id);
    if (!standing || !level) continue;
    Object.assign(level, {
      unlocked: true,
      newly_unlocked: true,
      unlocked_at: new Date(row.unlocked_at).toISOString(),
      notes: options.notes ?? null,
      evidence: evidenceOfDue.get(`${row.user_id}:${row.specialization_id}`) ?? null,
    });
    standing.next = nextOf(standing.levels);
    events.push({
      type: "specialization.unlocked",
      entityId: standing.entity_id,
      userId: standing.user_id,
      actorId: options.actorId ?? null,
      payload: { user_id: standing.user_id, specialization_id: row.specialization_id, level: level.level, name: level.name, evidence: level.evidence },
    });
  }
  if (options.emitEvents !== false) await emitEvents(tx, events);
  return standings;
}

/** The rows behind the counts: completed project ids and the ids of passed milestone test tasks. */
async function evidenceOf(tx: DbOrTx, userIds: number[]): Promise<Map<number, { completed_project_ids: number[]; milestone_test_task_ids: number[] }>> {
  const rows = await queryRows<{ user_id: number; project_ids: number[] | null; test_ids: number[] | null }>(tx, evidenceSql(userIds));
  return new Map(rows.map((r) => [r.user_id, { completed_project_ids: r.project_ids ?? [], milestone_test_task_ids: r.test_ids ?? [] }]));
}

export function evidenceSql(userIds: readonly number[]) {
  return sql`select u.id as user_id,
      (select array_agg(p.id order by p.id) from projects p join statuses s on s.id = p.status_id
        where p.onboardee_id = u.id and s.code = 'completed') as project_ids,
      (select array_agg(t.id order by t.id) from task_assignee ta join tasks t on t.id = ta.task_id join statuses s on s.id = t.status_id
        where ta.assignee_id = u.id and ta.role = 'owner' and t.kind = 'exam' and t.milestone_id is not null and s.code = 'done') as test_ids
    from users u where u.id in (${idList(userIds)})`;
}
