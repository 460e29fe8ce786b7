"use client";
// The server's refusal of a form, said once: a reason already shown beside its field is not
// repeated above the buttons, and the generic "body is not valid" points at the fields instead.
import { useTranslations } from "next-intl";
import type { ApiProblem } from "@/components/query/api";
import { ProblemMessage } from "@/components/ui/problem-message";

export function Refusal({ problem }: { problem: ApiProblem | null | undefined }) {
  const t = useTranslations("adminTemplates.step");
  if (!problem) return null;
  const beside = Object.values(problem.fieldErrors);
  if (beside.includes(problem.message)) return null;
  if (problem.status === 422 && beside.length > 0) {
    return (
      <p role="alert" className="text-sm text-red-700 dark:text-red-300">
        {t("fixErrors")}
      </p>
    );
  }
  return <ProblemMessage problem={problem} />;
}
