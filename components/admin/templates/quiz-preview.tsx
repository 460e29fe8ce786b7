"use client";
// The quiz as the employee will take it, in the exam page's own question component. It is built
// from the public part of each question only (what the exam API sends takers: id, kind, prompt,
// points, choices), so the preview cannot show an answer key; answers here are neither saved nor checked.
import { useTranslations } from "next-intl";
import { useState } from "react";
import type { AnswerValue } from "@/components/exam/answer-saver";
import { QuestionField } from "@/components/exam/question-field";
import { ClockIcon } from "@/components/ui/icons";
import type { PublicQuestion } from "@/lib/exams/dto";

type Props = {
  name: string;
  questions: PublicQuestion[];
  passMark: number;
  maxAttempts: number;
  timeLimitMinutes: number | null;
  shuffle: boolean;
};

export function QuizPreview({ name, questions, passMark, maxAttempts, timeLimitMinutes, shuffle }: Props) {
  const t = useTranslations("adminTemplates.preview");
  const total = questions.reduce((sum, q) => sum + (Number.isFinite(q.points) ? q.points : 0), 0);
  return (
    <section aria-label={t("label")} className="flex flex-col gap-4 rounded-xl border border-slate-200 bg-slate-50 p-4 dark:border-slate-700 dark:bg-slate-950" data-testid="quiz-preview">
      <div className="flex flex-col gap-1">
        <p className="text-xs font-semibold uppercase tracking-wide text-slate-600 dark:text-slate-400">{t("heading")}</p>
        <p className="text-base font-semibold">{name || t("untitled")}</p>
        <p className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm text-slate-700 dark:text-slate-300">
          <span>{t("outline", { questions: questions.length, points: total })}</span>
          <span>{t("passMark", { percent: Math.round(passMark * 100) })}</span>
          <span>{t("attempts", { attempts: maxAttempts })}</span>
          {timeLimitMinutes ? (
            <span className="inline-flex items-center gap-1">
              <ClockIcon className="h-4 w-4" />
              {t("timeLimit", { minutes: timeLimitMinutes })}
            </span>
          ) : null}
        </p>
        {shuffle ? <p className="text-xs text-slate-600 dark:text-slate-400">{t("shuffled")}</p> : null}
      </div>
      <ol className="flex flex-col gap-3">
        {questions.map((q, index) => (
          <PreviewItem key={q.id} question={q} number={index + 1} total={questions.length} />
        ))}
      </ol>
      <div className="flex flex-col gap-1">
        <button type="button" disabled className="self-start rounded-lg bg-emerald-700 px-4 py-2 text-sm font-semibold text-white opacity-60">
          {t("submit")}
        </button>
        <p className="text-xs text-slate-600 dark:text-slate-400">{t("notChecked")}</p>
      </div>
    </section>
  );
}

/** One question in the exam page's own question component, answered locally only. */
function PreviewItem({ question, number, total }: { question: PublicQuestion; number: number; total: number }) {
  const [value, setValue] = useState<AnswerValue | undefined>(undefined);
  return <QuestionField question={question} number={number} total={total} value={value} saveState={undefined} disabled={false} onAnswer={setValue} onLeave={() => undefined} />;
}
