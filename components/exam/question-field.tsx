"use client";
// One question of an attempt: one choice (radio buttons), several (checkboxes) or a short text,
// with whether its answer is saved. The question carries no answer key: the server never sends one.
import { useTranslations } from "next-intl";
import type { PublicQuestion } from "@/lib/exams/dto";
import { AlertIcon, CheckIcon } from "@/components/ui/icons";
import type { AnswerValue, SaveState } from "./answer-saver";

type Props = {
  question: PublicQuestion;
  number: number;
  total: number;
  value: AnswerValue | undefined;
  saveState: SaveState | undefined;
  disabled: boolean;
  onAnswer: (value: AnswerValue, typing?: boolean) => void;
  onLeave: () => void;
};

/** The most a short answer may hold (MAX_SHORT_ANSWER in lib/exams/validators.ts). */
const SHORT_ANSWER_MAX = 1_000;

export function QuestionField({ question, number, total, value, saveState, disabled, onAnswer, onLeave }: Props) {
  const t = useTranslations("exam");
  const promptId = `question-${question.id}-prompt`;
  const stateId = `question-${question.id}-saved`;
  const chosen = Array.isArray(value) ? value : typeof value === "string" ? [value] : [];
  const choiceClass =
    "flex cursor-pointer items-start gap-3 rounded-lg border border-slate-200 px-3 py-2.5 hover:bg-slate-50 has-[:checked]:border-emerald-600 has-[:checked]:bg-emerald-50/60 has-[:disabled]:cursor-not-allowed has-[:disabled]:opacity-70 dark:border-slate-700 dark:hover:bg-slate-800 dark:has-[:checked]:border-emerald-500 dark:has-[:checked]:bg-emerald-950/40";
  return (
    <li className="rounded-2xl border border-slate-200 bg-white p-4 shadow-sm sm:p-5 dark:border-slate-800 dark:bg-slate-900" data-testid={`question-${question.id}`}>
      <fieldset aria-describedby={stateId} disabled={disabled} className="flex flex-col gap-3">
        <legend className="flex w-full flex-col gap-1">
          <span className="text-xs font-medium uppercase tracking-wide text-slate-600 dark:text-slate-400">
            {t("questionOf", { number, total })} · {t(`kind.${question.kind}`)} · {t("points", { points: question.points })}
          </span>
          <span id={promptId} className="text-base font-semibold">
            {question.prompt}
          </span>
        </legend>
        {question.kind === "short" ? (
          <input
            type="text"
            aria-labelledby={promptId}
            maxLength={SHORT_ANSWER_MAX}
            autoComplete="off"
            value={typeof value === "string" ? value : ""}
            onChange={(e) => onAnswer(e.target.value, true)}
            onBlur={onLeave}
            placeholder={t("shortPlaceholder")}
            className="w-full rounded-lg border border-slate-300 bg-white px-3 py-2 text-base dark:border-slate-700 dark:bg-slate-950"
          />
        ) : (
          <div className="flex flex-col gap-2">
            {(question.choices ?? []).map((choice) => {
              const checked = chosen.includes(choice.id);
              return (
                <label key={choice.id} className={choiceClass}>
                  <input
                    type={question.kind === "single" ? "radio" : "checkbox"}
                    name={`question-${question.id}`}
                    value={choice.id}
                    checked={checked}
                    onChange={(e) => {
                      if (question.kind === "single") onAnswer(choice.id);
                      else onAnswer(e.target.checked ? [...chosen, choice.id] : chosen.filter((id) => id !== choice.id));
                    }}
                    className="mt-1 h-4 w-4 shrink-0 accent-emerald-700"
                  />
                  <span>{choice.text}</span>
                </label>
              );
            })}
          </div>
        )}
      </fieldset>
      <p id={stateId} className="mt-2 flex min-h-5 items-center gap-1 text-xs" data-testid={`question-${question.id}-saved`} data-state={saveState ?? "unanswered"}>
        {saveState === "saved" ? (
          <span className="flex items-center gap-1 text-emerald-800 dark:text-emerald-300">
            <CheckIcon className="h-3.5 w-3.5" /> {t("save.saved")}
          </span>
        ) : saveState === "saving" ? (
          <span className="text-slate-600 dark:text-slate-400">{t("save.saving")}</span>
        ) : saveState === "failed" ? (
          <span className="flex items-center gap-1 text-red-700 dark:text-red-300">
            <AlertIcon className="h-3.5 w-3.5" /> {t("save.failed")}
          </span>
        ) : (
          <span className="text-slate-600 dark:text-slate-400">{t("save.unanswered")}</span>
        )}
      </p>
    </li>
  );
}
