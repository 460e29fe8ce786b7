// What a person working on a task needs to read about its steps, from the step templates the task
// was made from: instruction texts and their guides, a checklist's mode, and only the outline of an
// exam (how many questions, the time limit, the pass mark) — never its questions or answers, which
// are the exams domain's to hand out.
import "server-only";
import { and, asc, eq } from "drizzle-orm";
import type { DbOrTx } from "../../db/client";
import { stepTemplates, taskSteps, tasks } from "../../db/schema";
import { notFound } from "../api/errors";
import { authorize } from "../api/handler";
import type { Principal } from "../auth/principal";
import { visibleTasks } from "../tasks/scope";
import { processDefinition } from "../templates/process-definition";

export type StepContent =
  | { kind: "instruction"; body: string; guide_ids: number[] }
  | { kind: "checklist"; mode: "sequential" | "parallel" }
  | { kind: "quiz"; questions: number; time_limit_minutes: number | null; pass_mark: number; max_attempts: number }
  | { kind: "submission"; instructions: string; accepts: "text" | "link" | "text_or_link" }
  | { kind: "unknown" };

/** The content of each step of a task the principal sees, by step id (404 for a task out of scope). */
export async function taskStepContents(db: DbOrTx, principal: Principal, params: { taskId: number }): Promise<Record<number, StepContent>> {
  authorize(principal, "tasks:read");
  const [task] = await db
    .select({ id: tasks.id })
    .from(tasks)
    .where(and(eq(tasks.id, params.taskId), visibleTasks(principal)))
    .limit(1);
  if (!task) throw notFound("task");
  const rows = await db
    .select({ id: taskSteps.id, definition: stepTemplates.processDefinition })
    .from(taskSteps)
    .leftJoin(stepTemplates, eq(stepTemplates.id, taskSteps.stepTemplateId))
    .where(eq(taskSteps.taskId, task.id))
    .orderBy(asc(taskSteps.position));
  return Object.fromEntries(rows.map((row) => [row.id, contentOf(row.definition)]));
}

function contentOf(definition: unknown): StepContent {
  const parsed = processDefinition.safeParse(definition);
  if (!parsed.success) return { kind: "unknown" };
  const d = parsed.data;
  switch (d.type) {
    case "instruction":
      return { kind: "instruction", body: d.body, guide_ids: d.guide_ids };
    case "checklist":
      return { kind: "checklist", mode: d.mode };
    case "quiz":
      return { kind: "quiz", questions: d.questions.length, time_limit_minutes: d.time_limit_minutes, pass_mark: d.pass_mark, max_attempts: d.max_attempts };
    case "submission":
      return { kind: "submission", instructions: d.instructions, accepts: d.accepts };
  }
}
