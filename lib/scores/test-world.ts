// Test support for the scores and specializations suites: an organisation whose employees have a
// profession with its three levels, two published programs, and readers that compare the running
// rollup with a recount. Not imported by application code.
import { eq, inArray, sql } from "drizzle-orm";
import { expect } from "vitest";
import { type Db, type DbOrTx, queryRows } from "../../db/client";
import { entities, professions, type ScoreWeights, taskResults, type User } from "../../db/schema";
import { checklistStep, createEntity, createProgram, createUser, instructionStep, principalOf, quizStep, unique } from "../../test/factories";
import type { Principal } from "../auth/principal";
import { ensureSpecializationLevels } from "../specializations/levels";
import { COUNTER_COLUMNS, type CounterColumn, type CounterRow, scoreCountersSql } from "./counters";
import { recordResultInScores } from "./rollup";

export type Actor = { user: User; principal: Principal };

/** company → team; a manager and `employees` employees (profession with levels) in the team. */
export async function createScoreWorld(db: Db, options: { employees?: number; threshold?: number; weights?: ScoreWeights | null } = {}) {
  const company = await createEntity(db);
  const team = await createEntity(db, { parent: company });
  if (options.threshold !== undefined || options.weights !== undefined) {
    await db
      .update(entities)
      .set({ advancedThreshold: options.threshold, scoreWeights: options.weights })
      .where(eq(entities.id, team.id));
  }
  const [profession] = await db.insert(professions).values({ name: unique("Profession"), entityId: company.id }).returning();
  if (!profession) throw new Error("no profession");
  await ensureSpecializationLevels(db, [profession.id]);
  const managerUser = await createUser(db, team, { role: "manager" });
  const manager: Actor = { user: managerUser, principal: principalOf(managerUser, team) };
  const employees: Actor[] = [];
  for (let i = 0; i < (options.employees ?? 3); i++) {
    const user = await createUser(db, team, { manager: managerUser, professionId: profession.id });
    employees.push({ user, principal: principalOf(user, team) });
  }
  return { company, team, profession, manager, employees };
}

/** A program with an instruction task, a checklist task, a plain task and an exam in each of `milestones`. */
export async function createScoreProgram(db: Db, entityId: number, milestones = 2) {
  return createProgram(db, {
    entityId,
    milestones: Array.from({ length: milestones }, (_, m) => ({
      name: unique(`Week ${m + 1}`),
      offset: m * 5,
      duration: 5,
      tasks: [
        { name: unique("Read"), expectedMinutes: 20, steps: [instructionStep()] },
        { name: unique("List"), expectedMinutes: 40, steps: [checklistStep("parallel", ["One", "Two"])] },
        { name: unique("Plain"), expectedMinutes: 30 },
        { name: unique("Exam"), kind: "exam" as const, expectedMinutes: 15, steps: [quizStep()] },
      ],
    })),
  });
}

/** Stores a task_results row and records it in the scores, as evaluation does. */
export async function storeResult(db: Db, row: { taskId: number; userId: number; metrics: Record<string, unknown>; passed: boolean }) {
  await db.transaction(async (tx) => {
    const [result] = await tx
      .insert(taskResults)
      .values({ taskId: row.taskId, userId: row.userId, performanceMetrics: row.metrics, passed: row.passed })
      .returning();
    if (!result) throw new Error("no result");
    await recordResultInScores(tx, result);
  });
}

type Counters = Record<"user_id" | CounterColumn, number>;

const normalise = (row: Partial<CounterRow>): Counters => {
  const counters = { user_id: row.user_id ?? 0 } as Counters;
  for (const c of COUNTER_COLUMNS) counters[c] = Math.round((row[c] ?? 0) * 100) / 100;
  return counters;
};

/** The running counters of these users (zeros where no row exists yet). */
export async function storedCounters(db: DbOrTx, userIds: readonly number[]) {
  const rows = await queryRows<CounterRow>(
    db,
    sql`select user_id, ${sql.raw(COUNTER_COLUMNS.map((c) => `${c}::float8 as ${c}`).join(", "))} from user_scores where user_id in (${sql.join(
      userIds.map((id) => sql`${id}`),
      sql`, `,
    )})`,
  );
  return [...userIds].sort((a, b) => a - b).map((id) => normalise(rows.find((r) => r.user_id === id) ?? { user_id: id }));
}

/** The same counters recounted from the rows by the one definition. */
export async function recountedCounters(db: DbOrTx, userIds: readonly number[]) {
  const rows = await queryRows<CounterRow>(db, scoreCountersSql({ users: sql.join(userIds.map((id) => sql`${id}`), sql`, `) }));
  return rows.map(normalise);
}

export async function expectRollupEqualsRecount(db: DbOrTx, userIds: readonly number[]): Promise<void> {
  expect(await storedCounters(db, userIds)).toEqual(await recountedCounters(db, userIds));
}

export async function entityOf(db: DbOrTx, id: number) {
  const [row] = await db.select().from(entities).where(inArray(entities.id, [id]));
  if (!row) throw new Error(`no entity ${id}`);
  return row;
}
