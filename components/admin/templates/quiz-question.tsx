"use client";
// One quiz question: its kind (single choice, multiple choice, short answer), prompt and points,
// and its answer key — the correct choice(s), or the accepted answers of a short answer.
import { useTranslations } from "next-intl";
import { useId } from "react";
import { Button, Checkbox, inputClass, Select, TextArea, TextInput } from "./controls";
import { changeQuestionKind, type ChoiceDraft, nextId, type QuestionDraft, type QuestionKind } from "./definition-draft";
import type { FieldErrors } from "./field-errors";

type Props = {
  question: QuestionDraft;
  number: number;
  onChange: (next: QuestionDraft) => void;
  errors: FieldErrors;
  disabled: boolean;
};

export function QuizQuestionEditor({ question, number, onChange, errors, disabled }: Props) {
  const t = useTranslations("adminTemplates.quiz");
  return (
    <div className="flex flex-col gap-3">
      <div className="grid gap-3 sm:grid-cols-[1fr_8rem]">
        <Select
          label={t("kind")}
          value={question.kind}
          onChange={(kind) => onChange(changeQuestionKind(question, kind as QuestionKind))}
          options={(["single", "multiple", "short"] as const).map((k) => ({ value: k, label: t(`kinds.${k}`) }))}
          disabled={disabled}
        />
        <TextInput
          label={t("points")}
          type="number"
          min={0}
          max={1000}
          step="any"
          value={Number.isFinite(question.points) ? String(question.points) : ""}
          onChange={(v) => onChange({ ...question, points: v === "" ? Number.NaN : Number(v) })}
          error={errors.points}
          disabled={disabled}
        />
      </div>
      <TextArea label={t("prompt", { number })} rows={2} maxLength={2000} value={question.prompt} onChange={(prompt) => onChange({ ...question, prompt })} error={errors.prompt} disabled={disabled} />
      {question.kind === "short" ? (
        <ShortAnswers question={question} onChange={onChange} errors={errors} disabled={disabled} />
      ) : (
        <Choices question={question} onChange={onChange} errors={errors} disabled={disabled} />
      )}
    </div>
  );
}

type ChoiceQuestion = Extract<QuestionDraft, { kind: "single" | "multiple" }>;

function Choices({ question, onChange, errors, disabled }: { question: ChoiceQuestion; onChange: (q: QuestionDraft) => void; errors: FieldErrors; disabled: boolean }) {
  const t = useTranslations("adminTemplates.quiz");
  const group = useId();
  const isCorrect = (id: string) => (question.kind === "single" ? question.correct === id : question.correct.includes(id));
  const setCorrect = (id: string, on: boolean) => {
    if (question.kind === "single") onChange({ ...question, correct: id });
    else onChange({ ...question, correct: on ? [...question.correct, id] : question.correct.filter((c) => c !== id) });
  };
  const setChoices = (choices: ChoiceDraft[]) => {
    const ids = new Set(choices.map((c) => c.id));
    if (question.kind === "single") onChange({ ...question, choices, correct: ids.has(question.correct) ? question.correct : (choices[0]?.id ?? "") });
    else onChange({ ...question, choices, correct: question.correct.filter((c) => ids.has(c)) });
  };
  return (
    <fieldset className="flex flex-col gap-2">
      <legend className="mb-1 text-sm font-medium text-slate-800 dark:text-slate-200">{question.kind === "single" ? t("choicesSingle") : t("choicesMultiple")}</legend>
      <ol className="flex flex-col gap-2">
        {question.choices.map((choice, index) => {
          const error = errors[`choices.${index}.text`];
          const inputId = `${group}-text-${index}`;
          return (
            <li key={choice.id} className="flex flex-col gap-1">
              <div className="flex items-center gap-2">
                <input
                  type={question.kind === "single" ? "radio" : "checkbox"}
                  name={`${group}-correct`}
                  checked={isCorrect(choice.id)}
                  onChange={(e) => setCorrect(choice.id, e.target.checked)}
                  disabled={disabled}
                  aria-label={t("markCorrect", { number: index + 1 })}
                  className="h-4 w-4 shrink-0 accent-emerald-700"
                />
                <label htmlFor={inputId} className="sr-only">
                  {t("choice", { number: index + 1 })}
                </label>
                <input
                  id={inputId}
                  value={choice.text}
                  maxLength={500}
                  placeholder={t("choice", { number: index + 1 })}
                  onChange={(e) => setChoices(question.choices.map((c) => (c.id === choice.id ? { ...c, text: e.target.value } : c)))}
                  disabled={disabled}
                  aria-invalid={error ? true : undefined}
                  aria-describedby={error ? `${inputId}-error` : undefined}
                  className={inputClass}
                />
                {disabled ? null : (
                  <Button size="sm" look="ghost" onClick={() => setChoices(question.choices.filter((c) => c.id !== choice.id))} disabled={question.choices.length <= 2} aria-label={t("removeChoice", { number: index + 1 })}>
                    ✕
                  </Button>
                )}
              </div>
              {error ? (
                <span id={`${inputId}-error`} className="pl-6 text-xs text-red-700 dark:text-red-300">
                  {error}
                </span>
              ) : null}
            </li>
          );
        })}
      </ol>
      {errors.correct || errors.choices ? <p className="text-xs text-red-700 dark:text-red-300">{errors.correct ?? errors.choices}</p> : null}
      {disabled || question.choices.length >= 20 ? null : (
        <div>
          <Button size="sm" onClick={() => setChoices([...question.choices, { id: nextId("c", question.choices), text: "" }])}>
            {t("addChoice")}
          </Button>
        </div>
      )}
    </fieldset>
  );
}

type ShortQuestion = Extract<QuestionDraft, { kind: "short" }>;

function ShortAnswers({ question, onChange, errors, disabled }: { question: ShortQuestion; onChange: (q: QuestionDraft) => void; errors: FieldErrors; disabled: boolean }) {
  const t = useTranslations("adminTemplates.quiz");
  const setAnswers = (accepted_answers: string[]) => onChange({ ...question, accepted_answers });
  return (
    <fieldset className="flex flex-col gap-2">
      <legend className="mb-1 text-sm font-medium text-slate-800 dark:text-slate-200">{t("acceptedAnswers")}</legend>
      <ol className="flex flex-col gap-2">
        {question.accepted_answers.map((answer, index) => (
          <li key={index} className="flex items-end gap-2">
            <TextInput
              className="flex-1"
              label={t("acceptedAnswer", { number: index + 1 })}
              value={answer}
              maxLength={200}
              onChange={(v) => setAnswers(question.accepted_answers.map((a, i) => (i === index ? v : a)))}
              error={errors[`accepted_answers.${index}`]}
              disabled={disabled}
            />
            {disabled ? null : (
              <Button size="sm" look="ghost" onClick={() => setAnswers(question.accepted_answers.filter((_, i) => i !== index))} disabled={question.accepted_answers.length <= 1} aria-label={t("removeAnswer", { number: index + 1 })}>
                ✕
              </Button>
            )}
          </li>
        ))}
      </ol>
      {errors.accepted_answers ? <p className="text-xs text-red-700 dark:text-red-300">{errors.accepted_answers}</p> : null}
      <div className="flex flex-wrap items-center justify-between gap-2">
        <Checkbox label={t("caseSensitive")} checked={question.case_sensitive} onChange={(case_sensitive) => onChange({ ...question, case_sensitive })} disabled={disabled} />
        {disabled || question.accepted_answers.length >= 20 ? null : (
          <Button size="sm" onClick={() => setAnswers([...question.accepted_answers, ""])}>
            {t("addAnswer")}
          </Button>
        )}
      </div>
    </fieldset>
  );
}
