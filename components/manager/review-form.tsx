"use client";
// The review of one submission: accept it with a score from 0 to 1 (and a technical rating 1–5 when
// the step is rated) or return it; feedback for the author and notes only reviewers read. Checked
// with the API's review schema before sending (the form keeps what was typed); the server's field
// issues show beside the fields.
import { useTranslations } from "next-intl";
import { useId, useState } from "react";
import type { ApiProblem } from "@/components/query/api";
import { useFieldMessages } from "@/components/task/field-messages";
import { ProblemMessage } from "@/components/ui/problem-message";
import { FEEDBACK_MAX, reviewSchema } from "@/lib/exams/validators";
import { FieldError } from "./field-error";

export type ReviewBody = { decision: "accept" | "return"; score?: number; technical_rating?: number; public_feedback?: string; private_feedback?: string };

type Props = { rated: boolean; busy: boolean; refusal: ApiProblem | null; onSubmit: (body: ReviewBody) => void };

const INPUT =
  "w-full rounded-lg border border-slate-300 bg-white px-3 py-2 text-sm outline-none focus:border-emerald-600 focus:ring-2 focus:ring-emerald-600/30 aria-[invalid=true]:border-red-600 dark:border-slate-700 dark:bg-slate-950";

export function ReviewForm({ rated, busy, refusal, onSubmit }: Props) {
  const t = useTranslations("manager.reviews");
  const messageOf = useFieldMessages();
  const id = useId();
  const [decision, setDecision] = useState<"accept" | "return">("accept");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const shown = { ...(refusal?.fieldErrors ?? {}), ...errors };
  const error = (field: string) => shown[field];
  const described = (field: string) => (error(field) ? { "aria-invalid": true as const, "aria-describedby": `${id}-${field}-error` } : {});

  function submit(form: FormData) {
    const text = (name: string) => {
      const value = form.get(name);
      return typeof value === "string" ? value : "";
    };
    const accepting = text("decision") !== "return";
    const body: ReviewBody = {
      decision: accepting ? "accept" : "return",
      ...(accepting && text("score").trim() !== "" ? { score: Number(text("score")) } : {}),
      ...(accepting && rated && text("technical_rating") !== "" ? { technical_rating: Number(text("technical_rating")) } : {}),
      public_feedback: text("public_feedback"),
      private_feedback: text("private_feedback"),
    };
    const found: Record<string, string> = {};
    const parsed = reviewSchema.safeParse(body);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = String(issue.path[0] ?? "decision");
        // The generic messages speak of text lengths; the score and the rating are numbers in a range.
        found[field] ??= field === "score" ? t("scoreRange") : field === "technical_rating" ? t("ratingRequired") : messageOf(issue);
      }
    }
    // The step's rule the schema cannot know: a rated step needs its rating when accepted.
    if (accepting && rated && body.technical_rating === undefined && !("technical_rating" in found)) found.technical_rating = t("ratingRequired");
    setErrors(found);
    if (Object.keys(found).length === 0) onSubmit(body);
  }

  return (
    <form onSubmit={(e) => {
        e.preventDefault();
        submit(new FormData(e.currentTarget));
      }}
      noValidate className="flex flex-col gap-3" aria-label={t("formLabel")}>
      <fieldset className="flex flex-wrap gap-4 text-sm">
        <legend className="mb-1 font-medium">{t("decision")}</legend>
        {(["accept", "return"] as const).map((value) => (
          <label key={value} className="inline-flex items-center gap-2">
            <input type="radio" name="decision" value={value} checked={decision === value} onChange={() => setDecision(value)} className="accent-emerald-700" />
            {t(value)}
          </label>
        ))}
      </fieldset>
      {decision === "accept" ? (
        <div className="grid gap-3 sm:grid-cols-2">
          <div className="flex flex-col gap-1 text-sm">
            <label htmlFor={`${id}-score`} className="font-medium">
              {t("score")}
            </label>
            <input id={`${id}-score`} name="score" type="number" inputMode="decimal" min={0} max={1} step={0.05} className={INPUT} {...described("score")} />
            <p className="text-xs text-slate-600 dark:text-slate-400">{t("scoreHint")}</p>
            <FieldError id={`${id}-score-error`} message={error("score")} />
          </div>
          {rated ? (
            <fieldset className="flex flex-col gap-1 text-sm" aria-describedby={error("technical_rating") ? `${id}-technical_rating-error` : undefined}>
              <legend className="mb-1 font-medium">{t("rating")}</legend>
              <div className="flex flex-wrap gap-3">
                {[1, 2, 3, 4, 5].map((n) => (
                  <label key={n} className="inline-flex items-center gap-1.5">
                    <input type="radio" name="technical_rating" value={n} className="accent-emerald-700" />
                    {n}
                  </label>
                ))}
              </div>
              <p className="text-xs text-slate-600 dark:text-slate-400">{t("ratingHint")}</p>
              <FieldError id={`${id}-technical_rating-error`} message={error("technical_rating")} />
            </fieldset>
          ) : (
            <p className="self-end text-xs text-slate-600 dark:text-slate-400">{t("notRated")}</p>
          )}
        </div>
      ) : null}
      <div className="grid gap-3 sm:grid-cols-2">
        {(["public_feedback", "private_feedback"] as const).map((field) => (
          <div key={field} className="flex flex-col gap-1 text-sm">
            <label htmlFor={`${id}-${field}`} className="font-medium">
              {t(field)}
            </label>
            <textarea id={`${id}-${field}`} name={field} rows={3} maxLength={FEEDBACK_MAX} className={INPUT} {...described(field)} />
            <p className="text-xs text-slate-600 dark:text-slate-400">{t(`${field}_hint`)}</p>
            <FieldError id={`${id}-${field}-error`} message={error(field)} />
          </div>
        ))}
      </div>
      {refusal && Object.keys(refusal.fieldErrors).length === 0 ? <ProblemMessage problem={refusal} /> : null}
      <button type="submit" disabled={busy} className="self-start rounded-lg bg-emerald-700 px-4 py-2 text-sm font-semibold text-white hover:bg-emerald-800 disabled:opacity-60">
        {busy ? t("sending") : t("send")}
      </button>
    </form>
  );
}
