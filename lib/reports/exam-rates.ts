// Exam analytics: which exams and which questions fail most. Every graded quiz attempt of the
// scope's members counts (task_results on a quiz step, with evaluation's per_question marks). The
// prompt is read from the step template revision the attempt ran; answers never leave this file.
import "server-only";
import { inArray, type SQL, sql } from "drizzle-orm";
import { type DbOrTx, queryRows } from "../../db/client";
import { stepTemplates } from "../../db/schema";
import { withinPeriod } from "./period";
import type { ExamRateRow, QuestionRateRow } from "./result";
import { lineageTemplateIds, type ResolvedScope } from "./scope";
import type { ReportPeriod } from "./validators";

export const QUESTION_PASS_RATES_DEFINITION =
  "per quiz question: graded attempts, attempts answered correctly and their share (lowest first), with the question's prompt";
export const EXAM_PASS_RATES_DEFINITION =
  "per quiz: graded attempts, passed attempts and their share (lowest first), people who attempted it and people who passed it";

const rate = (part: number, whole: number) => (whole > 0 ? Math.round((part / whole) * 10_000) / 10_000 : 0);

/** The scope's graded quiz attempts (alias tr, joined to their step ts). */
function scopedAttempts(scope: ResolvedScope, period: ReportPeriod | undefined): SQL {
  const program =
    scope.lineageId === null
      ? sql``
      : sql` and exists (select 1 from tasks t join projects p on p.id = t.project_id
          where t.id = tr.task_id and p.project_template_id in (${lineageTemplateIds(scope.lineageId)}))`;
  return sql`tr.user_id in (${scope.users}) and ts.kind = 'quiz' and ts.step_template_id is not null${program}${withinPeriod(sql`tr.created_at`, period)}`;
}

/** Prompts by step template id and question id, read from the definitions of those steps only. */
async function promptsOf(db: DbOrTx, stepTemplateIds: number[]): Promise<Map<number, { name: string; prompts: Map<string, string> }>> {
  if (stepTemplateIds.length === 0) return new Map();
  const rows = await db
    .select({ id: stepTemplates.id, name: stepTemplates.name, definition: stepTemplates.processDefinition })
    .from(stepTemplates)
    .where(inArray(stepTemplates.id, stepTemplateIds));
  return new Map(
    rows.map((row) => [
      row.id,
      {
        name: row.name,
        prompts: new Map(row.definition?.type === "quiz" ? row.definition.questions.map((q) => [q.id, q.prompt]) : []),
      },
    ]),
  );
}

export function questionPassRatesSql(scope: ResolvedScope, period: ReportPeriod | undefined): SQL {
  return sql`select ts.step_template_id, q.value->>'id' as question_id, count(*)::int as attempts,
          count(*) filter (where q.value->'correct' = 'true'::jsonb)::int as correct
        from task_results tr
        join task_steps ts on ts.id = tr.task_step_id
        cross join lateral jsonb_array_elements(
          case when jsonb_typeof(tr.performance_metrics->'per_question') = 'array' then tr.performance_metrics->'per_question' else '[]'::jsonb end
        ) q
        where ${scopedAttempts(scope, period)} and jsonb_typeof(q.value) = 'object' and jsonb_typeof(q.value->'id') = 'string'
        group by ts.step_template_id, q.value->>'id'`;
}

export async function questionPassRates(db: DbOrTx, scope: ResolvedScope, period: ReportPeriod | undefined): Promise<QuestionRateRow[]> {
  const rows = await queryRows<{ step_template_id: number; question_id: string; attempts: number; correct: number }>(db, questionPassRatesSql(scope, period));
  const steps = await promptsOf(db, [...new Set(rows.map((r) => r.step_template_id))]);
  return rows
    .map((row) => ({
      step_template_id: row.step_template_id,
      step: steps.get(row.step_template_id)?.name ?? "",
      question_id: row.question_id,
      prompt: steps.get(row.step_template_id)?.prompts.get(row.question_id) ?? null,
      attempts: row.attempts,
      correct: row.correct,
      correct_rate: rate(row.correct, row.attempts),
    }))
    .sort(
      (a, b) =>
        a.correct_rate - b.correct_rate ||
        b.attempts - a.attempts ||
        a.step_template_id - b.step_template_id ||
        a.question_id.localeCompare(b.question_id),
    );
}

export function examPassRatesSql(scope: ResolvedScope, period: ReportPeriod | undefined): SQL {
  const passed = sql`coalesce(tr.passed, tr.performance_metrics->'passed' = 'true'::jsonb, false)`;
  return sql`select g.*, st.name as step
        from (
          select ts.step_template_id, count(*)::int as attempts, count(*) filter (where ${passed})::int as passed,
            count(distinct tr.user_id)::int as users, count(distinct tr.user_id) filter (where ${passed})::int as users_passed
          from task_results tr
          join task_steps ts on ts.id = tr.task_step_id
          where ${scopedAttempts(scope, period)}
          group by ts.step_template_id
        ) g
        join step_templates st on st.id = g.step_template_id`;
}

export async function examPassRates(db: DbOrTx, scope: ResolvedScope, period: ReportPeriod | undefined): Promise<ExamRateRow[]> {
  const rows = await queryRows<{ step_template_id: number; step: string; attempts: number; passed: number; users: number; users_passed: number }>(
    db,
    examPassRatesSql(scope, period),
  );
  return rows
    .map((row) => ({
      step_template_id: row.step_template_id,
      step: row.step,
      attempts: row.attempts,
      passed: row.passed,
      pass_rate: rate(row.passed, row.attempts),
      users: row.users,
      users_passed: row.users_passed,
    }))
    .sort((a, b) => a.pass_rate - b.pass_rate || b.attempts - a.attempts || a.step_template_id - b.step_template_id);
}
