// Exams: attempts started on the server, graded results (task_results) and reviewed submissions.
import { sql } from "drizzle-orm";
import { boolean, check, index, integer, jsonb, numeric, pgTable, serial, text, unique, varchar } from "drizzle-orm/pg-core";
import { createdAt, inList, timestamps, tstz } from "./columns";
import { users } from "./entities";
import { taskSteps, tasks } from "./tasks";

/** What evaluation stores per result; the seed's performance_metrics JSONB. */
export type PerformanceMetrics = {
  correct_answers?: number;
  total_questions?: number;
  score?: number;
  max_score?: number;
  passed?: boolean;
  actual_minutes?: number | null;
  expected_minutes?: number | null;
  technical_rating?: number | null;
  per_question?: { id: string; correct: boolean; points: number }[];
};

export const taskResults = pgTable(
  "task_results",
  {
    id: serial("id").primaryKey(),
    taskId: integer("task_id").references(() => tasks.id, { onDelete: "cascade" }),
    performanceMetrics: jsonb("performance_metrics").$type<PerformanceMetrics>(),
    userId: integer("user_id").references(() => users.id),
    taskStepId: integer("task_step_id").references(() => taskSteps.id, { onDelete: "cascade" }),
    attempt: integer("attempt").notNull().default(1),
    score: numeric("score", { precision: 6, scale: 4, mode: "number" }),
    passed: boolean("passed"),
    gradedBy: integer("graded_by").references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    index("task_results_task_id_idx").on(t.taskId),
    index("task_results_user_id_idx").on(t.userId, t.createdAt),
    index("task_results_task_step_id_idx").on(t.taskStepId),
    index("task_results_graded_by_idx").on(t.gradedBy),
    check("task_results_score_check", sql`${t.score} is null or ${t.score} between 0 and 1`),
  ],
);

/** A quiz attempt: started on the server, which fixes the question order, start and deadline. */
export const examAttempts = pgTable(
  "exam_attempts",
  {
    id: serial("id").primaryKey(),
    taskId: integer("task_id")
      .notNull()
      .references(() => tasks.id, { onDelete: "cascade" }),
    taskStepId: integer("task_step_id")
      .notNull()
      .references(() => taskSteps.id, { onDelete: "cascade" }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id),
    attemptNo: integer("attempt_no").notNull(),
    questionOrder: jsonb("question_order").$type<string[]>().notNull(),
    /** Answers saved per question while the attempt is open. */
    answers: jsonb("answers").$type<Record<string, string | string[]>>().notNull().default({}),
    startedAt: tstz("started_at").notNull().defaultNow(),
    deadlineAt: tstz("deadline_at"),
    submittedAt: tstz("submitted_at"),
    taskResultId: integer("task_result_id").references(() => taskResults.id),
    ...timestamps(),
  },
  (t) => [
    unique("exam_attempts_step_user_attempt_key").on(t.taskStepId, t.userId, t.attemptNo),
    index("exam_attempts_task_id_idx").on(t.taskId),
    index("exam_attempts_user_id_idx").on(t.userId),
    index("exam_attempts_task_result_id_idx").on(t.taskResultId),
  ],
);

export const SUBMISSION_STATES = ["submitted", "reviewed", "returned"] as const;

/** Work submitted for a submission step, reviewed by a person with a technical rating (1–5). */
export const submissions = pgTable(
  "submissions",
  {
    id: serial("id").primaryKey(),
    taskId: integer("task_id")
      .notNull()
      .references(() => tasks.id, { onDelete: "cascade" }),
    taskStepId: integer("task_step_id")
      .notNull()
      .references(() => taskSteps.id, { onDelete: "cascade" }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id),
    body: text("body"),
    url: varchar("url", { length: 2048 }),
    state: varchar("state", { length: 16 }).notNull().default("submitted"),
    reviewerId: integer("reviewer_id").references(() => users.id),
    score: numeric("score", { precision: 6, scale: 4, mode: "number" }),
    technicalRating: integer("technical_rating"),
    /** Reviewer's private feedback, encrypted (AES-256-GCM envelope). */
    privateFeedbackEnc: text("private_feedback_enc"),
    publicFeedback: text("public_feedback"),
    reviewedAt: tstz("reviewed_at"),
    taskResultId: integer("task_result_id").references(() => taskResults.id),
    ...timestamps(),
  },
  (t) => [
    index("submissions_task_id_idx").on(t.taskId),
    index("submissions_task_step_id_idx").on(t.taskStepId),
    index("submissions_user_id_idx").on(t.userId),
    index("submissions_reviewer_id_idx").on(t.reviewerId),
    index("submissions_task_result_id_idx").on(t.taskResultId),
    check("submissions_state_check", sql.raw(`state in (${inList(SUBMISSION_STATES)})`)),
    check("submissions_rating_check", sql`${t.technicalRating} is null or ${t.technicalRating} between 1 and 5`),
    check("submissions_score_check", sql`${t.score} is null or ${t.score} between 0 and 1`),
    check("submissions_content_check", sql`${t.body} is not null or ${t.url} is not null`),
  ],
);

export type TaskResult = typeof taskResults.$inferSelect;
export type NewTaskResult = typeof taskResults.$inferInsert;
export type ExamAttempt = typeof examAttempts.$inferSelect;
export type NewExamAttempt = typeof examAttempts.$inferInsert;
export type Submission = typeof submissions.$inferSelect;
export type NewSubmission = typeof submissions.$inferInsert;
