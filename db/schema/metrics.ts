// Progress: specializations and who unlocked them, the per-user score rollup, stored reports.
import { sql } from "drizzle-orm";
import { check, date, index, integer, jsonb, numeric, pgTable, primaryKey, serial, unique, varchar } from "drizzle-orm/pg-core";
import { createdAt, inList, timestamps, tstz } from "./columns";
import { entities, professions, users } from "./entities";

export const SPECIALIZATION_LEVELS = ["beginner", "intermediate", "advanced"] as const;
export type SpecializationLevel = (typeof SPECIALIZATION_LEVELS)[number];

export const specializations = pgTable(
  "specializations",
  {
    id: serial("id").primaryKey(),
    professionId: integer("profession_id")
      .notNull()
      .references(() => professions.id),
    level: varchar("level", { length: 16 }).$type<SpecializationLevel>().notNull(),
    name: varchar("name", { length: 100 }).notNull(),
    description: varchar("description", { length: 500 }),
    ...timestamps(),
  },
  (t) => [
    unique("specializations_profession_level_key").on(t.professionId, t.level),
    check("specializations_level_check", sql.raw(`level in (${inList(SPECIALIZATION_LEVELS)})`)),
  ],
);

export const userSpecializations = pgTable(
  "user_specializations",
  {
    userId: integer("user_id")
      .notNull()
      .references(() => users.id),
    specializationId: integer("specialization_id")
      .notNull()
      .references(() => specializations.id),
    unlockedAt: tstz("unlocked_at").notNull().defaultNow(),
    /** The database facts that unlocked the level (project ids, result ids, scores). */
    evidence: jsonb("evidence").$type<Record<string, unknown>>().notNull().default({}),
    notes: varchar("notes", { length: 1000 }),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ name: "user_specializations_pkey", columns: [t.userId, t.specializationId] }),
    index("user_specializations_specialization_id_idx").on(t.specializationId),
  ],
);

/**
 * Running sums behind the five scores, kept current in the same transaction as each change
 * (lib/scores/rollup.ts; lib/scores/counters.ts defines each sum). Scores are ratios of these sums,
 * so team and entity aggregates are sums of rows, not averages of ratios. Overdue tasks depend on
 * the clock rather than on a change, so they are counted when read (lib/scores/overdue.ts), not here.
 */
export const userScores = pgTable(
  "user_scores",
  {
    userId: integer("user_id")
      .primaryKey()
      .references(() => users.id),
    entityId: integer("entity_id")
      .notNull()
      .references(() => entities.id),
    assignedTasks: integer("assigned_tasks").notNull().default(0),
    completedTasks: integer("completed_tasks").notNull().default(0),
    helpedTasks: integer("helped_tasks").notNull().default(0),
    actualMinutes: numeric("actual_minutes", { precision: 14, scale: 2, mode: "number" }).notNull().default(0),
    expectedMinutes: numeric("expected_minutes", { precision: 14, scale: 2, mode: "number" }).notNull().default(0),
    correctAnswers: integer("correct_answers").notNull().default(0),
    totalQuestions: integer("total_questions").notNull().default(0),
    ratingSum: integer("rating_sum").notNull().default(0),
    ratingCount: integer("rating_count").notNull().default(0),
    completedProjects: integer("completed_projects").notNull().default(0),
    passedMilestoneTests: integer("passed_milestone_tests").notNull().default(0),
    ...timestamps(),
  },
  (t) => [
    index("user_scores_entity_id_idx").on(t.entityId),
    check(
      "user_scores_nonnegative_check",
      sql`${t.assignedTasks} >= 0 and ${t.completedTasks} >= 0 and ${t.helpedTasks} >= 0 and ${t.correctAnswers} >= 0 and ${t.totalQuestions} >= 0 and ${t.ratingCount} >= 0
        and ${t.ratingSum} >= 0 and ${t.actualMinutes} >= 0 and ${t.expectedMinutes} >= 0 and ${t.completedProjects} >= 0 and ${t.passedMilestoneTests} >= 0
        and ${t.completedTasks} <= ${t.assignedTasks} and ${t.correctAnswers} <= ${t.totalQuestions}`,
    ),
  ],
);

export const REPORT_SCOPES = ["user", "team", "entity", "profession", "project_template"] as const;
export type ReportScope = (typeof REPORT_SCOPES)[number];

export const reports = pgTable(
  "reports",
  {
    id: serial("id").primaryKey(),
    entityId: integer("entity_id")
      .notNull()
      .references(() => entities.id),
    createdBy: integer("created_by").references(() => users.id),
    scopeType: varchar("scope_type", { length: 32 }).$type<ReportScope>().notNull(),
    scopeId: integer("scope_id").notNull(),
    periodStart: date("period_start", { mode: "string" }),
    periodEnd: date("period_end", { mode: "string" }),
    /** What was asked for (the seed's metrics JSONB). */
    metrics: jsonb("metrics").$type<Record<string, unknown>>().notNull(),
    /** The computed snapshot. */
    result: jsonb("result").$type<Record<string, unknown>>().notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    index("reports_entity_id_idx").on(t.entityId, t.createdAt),
    index("reports_created_by_idx").on(t.createdBy),
    check("reports_scope_type_check", sql.raw(`scope_type in (${inList(REPORT_SCOPES)})`)),
    check("reports_period_check", sql`${t.periodEnd} is null or ${t.periodStart} is null or ${t.periodEnd} >= ${t.periodStart}`),
  ],
);

export type Specialization = typeof specializations.$inferSelect;
export type NewSpecialization = typeof specializations.$inferInsert;
export type UserSpecialization = typeof userSpecializations.$inferSelect;
export type NewUserSpecialization = typeof userSpecializations.$inferInsert;
export type UserScore = typeof userScores.$inferSelect;
export type NewUserScore = typeof userScores.$inferInsert;
export type Report = typeof reports.$inferSelect;
export type NewReport = typeof reports.$inferInsert;
