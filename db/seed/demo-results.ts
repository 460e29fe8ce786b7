// Graded work for the demo and what it unlocks: quiz results scored against the step's own
// questions (so the numbers add up the way the grader would compute them), reviewed submissions
// with a technical rating. The levels they unlock are evaluated at the end of the seed (db/seed/demo.ts).
import type { NewSubmission, NewTaskResult, Task, TaskStep } from "../schema";
import type { ProcessDefinition } from "../../lib/templates/process-definition";

type Quiz = Extract<ProcessDefinition, { type: "quiz" }>;
type Submission = Extract<ProcessDefinition, { type: "submission" }>;

const MINUTE = 60_000;

/** The passing result of a done exam, preceded now and then by a failed first attempt. */
export function examResult(input: {
  task: Task;
  step: TaskStep;
  definition: Quiz;
  userId: number;
  endedAt: Date;
  actualMinutes: number;
  random: () => number;
}): NewTaskResult[] {
  const { task, step, definition, userId, endedAt, actualMinutes, random } = input;
  const questions = definition.questions;
  const totalPoints = questions.reduce((sum, q) => sum + q.points, 0);
  const scoreWith = (wrong: Set<string>) =>
    questions.reduce((sum, q) => sum + (wrong.has(q.id) ? 0 : q.points), 0) / totalPoints;

  const grade = (wrong: Set<string>, attempt: number, at: Date, minutes: number): NewTaskResult => {
    const score = Math.round(scoreWith(wrong) * 10_000) / 10_000;
    const passed = score >= definition.pass_mark;
    return {
      taskId: task.id,
      taskStepId: step.id,
      userId,
      attempt,
      score,
      passed,
      createdAt: at,
      performanceMetrics: {
        correct_answers: questions.filter((q) => !wrong.has(q.id)).length,
        total_questions: questions.length,
        score,
        passed,
        actual_minutes: minutes,
        expected_minutes: task.expectedMinutes,
        per_question: questions.map((q) => ({ id: q.id, correct: !wrong.has(q.id), points: wrong.has(q.id) ? 0 : q.points })),
      },
    };
  };

  const slip = questions[Math.floor(random() * questions.length)];
  let finalWrong = new Set(slip && random() < 0.55 ? [slip.id] : []);
  if (scoreWith(finalWrong) < definition.pass_mark) finalWrong = new Set();

  const attempts: NewTaskResult[] = [];
  if (questions.length >= 2 && random() < 0.3) {
    // A failed first try: wrong answers from the top until the score drops below the pass mark.
    const wrong = new Set<string>();
    for (const q of questions) {
      if (scoreWith(wrong) < definition.pass_mark) break;
      wrong.add(q.id);
    }
    const firstMinutes = Math.max(1, Math.round(actualMinutes / 2));
    attempts.push(grade(wrong, 1, new Date(endedAt.getTime() - (actualMinutes - firstMinutes + 30) * MINUTE), firstMinutes));
  }
  attempts.push(grade(finalWrong, attempts.length + 1, endedAt, actualMinutes));
  return attempts;
}

const FEEDBACK = [
  "Clear and well structured — exactly what we were looking for.",
  "Solid work. Next time, state the trade-offs you considered.",
  "Good result; keep the scope this tight on the next one.",
];

/** A submission reviewed by the manager, with the task result that carries its technical rating. */
export function submissionRecord(input: {
  task: Task;
  step: TaskStep;
  definition: Submission;
  userId: number;
  reviewerId: number;
  reviewedAt: Date;
  random: () => number;
}): { result: NewTaskResult; submission: Omit<NewSubmission, "taskResultId"> } {
  const { task, step, definition, userId, reviewerId, reviewedAt, random } = input;
  const rating = 3 + Math.floor(random() * 3);
  const score = rating / 5;
  const asLink = definition.accepts === "link";
  return {
    result: {
      taskId: task.id,
      taskStepId: step.id,
      userId,
      attempt: 1,
      score,
      passed: true,
      gradedBy: reviewerId,
      createdAt: reviewedAt,
      performanceMetrics: { technical_rating: rating, score, passed: true, actual_minutes: null, expected_minutes: task.expectedMinutes },
    },
    submission: {
      taskId: task.id,
      taskStepId: step.id,
      userId,
      body: asLink ? null : `${step.name}: notes written during "${task.name}". What worked, what I would change, and open questions for my manager.`,
      url: asLink ? `https://git.northwind.example/platform/pull/${1000 + task.id}` : null,
      state: "reviewed",
      reviewerId,
      score,
      technicalRating: rating,
      publicFeedback: FEEDBACK[rating % FEEDBACK.length] ?? null,
      reviewedAt,
      createdAt: new Date(reviewedAt.getTime() - 3 * 60 * MINUTE),
    },
  };
}
