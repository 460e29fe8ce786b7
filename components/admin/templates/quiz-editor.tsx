"use client";
// A quiz step: its questions with their answer keys, and the rules of taking it (pass mark,
// attempts, time limit, shuffled order), beside a preview of what the employee will see.
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button, Checkbox, TextInput } from "./controls";
import { newQuestion, publicQuestions, type QuestionKind, type QuizDraft } from "./definition-draft";
import { type FieldErrors, scoped } from "./field-errors";
import { QuizPreview } from "./quiz-preview";
import { QuizQuestionEditor } from "./quiz-question";

type Props = { name: string; value: QuizDraft; onChange: (next: QuizDraft) => void; errors: FieldErrors; disabled: boolean };

const numberText = (n: number | null) => (n === null || !Number.isFinite(n) ? "" : String(n));
const numberOf = (text: string) => (text.trim() === "" ? Number.NaN : Number(text));

export function QuizEditor({ name, value, onChange, errors, disabled }: Props) {
  const t = useTranslations("adminTemplates.quiz");
  const [view, setView] = useState<"edit" | "preview">("edit");
  const setQuestions = (questions: QuizDraft["questions"]) => onChange({ ...value, questions });
  const move = (index: number, by: -1 | 1) => {
    const questions = [...value.questions];
    const [q] = questions.splice(index, 1);
    if (!q) return;
    questions.splice(index + by, 0, q);
    setQuestions(questions);
  };
  const add = (kind: QuestionKind) => setQuestions([...value.questions, newQuestion(kind, value.questions)]);

  return (
    <div className="flex flex-col gap-4">
      <div className="grid gap-3 sm:grid-cols-4">
        <TextInput
          label={t("passMark")}
          hint={t("passMarkHint")}
          type="number"
          min={0}
          max={100}
          value={numberText(Number.isFinite(value.pass_mark) ? Math.round(value.pass_mark * 1000) / 10 : Number.NaN)}
          onChange={(v) => onChange({ ...value, pass_mark: numberOf(v) / 100 })}
          error={errors.pass_mark ? t("passMarkRange") : undefined}
          disabled={disabled}
        />
        <TextInput
          label={t("attempts")}
          type="number"
          min={1}
          max={100}
          value={numberText(value.max_attempts)}
          onChange={(v) => onChange({ ...value, max_attempts: numberOf(v) })}
          error={errors.max_attempts}
          disabled={disabled}
        />
        <TextInput
          label={t("timeLimit")}
          hint={t("timeLimitHint")}
          type="number"
          min={1}
          max={600}
          value={numberText(value.time_limit_minutes)}
          onChange={(v) => onChange({ ...value, time_limit_minutes: v.trim() === "" ? null : numberOf(v) })}
          error={errors.time_limit_minutes}
          disabled={disabled}
        />
        <div className="flex items-end pb-2">
          <Checkbox label={t("shuffle")} checked={value.shuffle} onChange={(shuffle) => onChange({ ...value, shuffle })} disabled={disabled} />
        </div>
      </div>

      <div role="group" aria-label={t("view")} className="flex gap-1 self-start rounded-lg bg-slate-100 p-1 dark:bg-slate-800">
        {(["edit", "preview"] as const).map((v) => (
          <button
            key={v}
            type="button"
            aria-pressed={view === v}
            onClick={() => setView(v)}
            className={`rounded-md px-3 py-1 text-sm font-medium ${view === v ? "bg-white shadow-sm dark:bg-slate-950" : "text-slate-700 dark:text-slate-300"}`}
          >
            {t(v === "edit" ? "questions" : "preview")}
          </button>
        ))}
      </div>

      {view === "preview" ? (
        <QuizPreview
          name={name}
          questions={publicQuestions(value)}
          passMark={value.pass_mark}
          maxAttempts={value.max_attempts}
          timeLimitMinutes={value.time_limit_minutes}
          shuffle={value.shuffle}
        />
      ) : (
        <div className="flex flex-col gap-3">
          <ol className="flex flex-col gap-3">
            {value.questions.map((question, index) => (
              <li key={question.id} className="flex flex-col gap-2 rounded-xl border border-slate-200 p-3 dark:border-slate-700">
                <div className="flex flex-wrap items-center justify-between gap-2">
                  <h4 className="text-sm font-semibold">{t("questionHeading", { number: index + 1 })}</h4>
                  {disabled ? null : (
                    <span className="flex gap-1">
                      <Button size="sm" look="ghost" onClick={() => move(index, -1)} disabled={index === 0} aria-label={t("moveUp", { number: index + 1 })}>
                        ↑
                      </Button>
                      <Button size="sm" look="ghost" onClick={() => move(index, 1)} disabled={index === value.questions.length - 1} aria-label={t("moveDown", { number: index + 1 })}>
                        ↓
                      </Button>
                      <Button
                        size="sm"
                        look="danger"
                        onClick={() => setQuestions(value.questions.filter((_, i) => i !== index))}
                        disabled={value.questions.length === 1}
                        aria-label={t("removeQuestion", { number: index + 1 })}
                      >
                        {t("remove")}
                      </Button>
                    </span>
                  )}
                </div>
                <QuizQuestionEditor
                  question={question}
                  number={index + 1}
                  onChange={(next) => setQuestions(value.questions.map((q, i) => (i === index ? next : q)))}
                  errors={scoped(errors, `questions.${index}`)}
                  disabled={disabled}
                />
              </li>
            ))}
          </ol>
          {errors.questions ? <p className="text-xs text-red-700 dark:text-red-300">{errors.questions}</p> : null}
          {disabled ? null : (
            <div className="flex flex-wrap items-center gap-2">
              <span className="text-sm font-medium">{t("addQuestion")}</span>
              {(["single", "multiple", "short"] as const).map((kind) => (
                <Button key={kind} size="sm" onClick={() => add(kind)}>
                  {t(`kinds.${kind}`)}
                </Button>
              ))}
            </div>
          )}
        </div>
      )}
    </div>
  );
}
