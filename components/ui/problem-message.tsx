"use client";
// The server's reason for refusing an action, as the person reads it next to what they tried.
import { useTranslations } from "next-intl";
import type { ApiProblem } from "@/components/query/api";
import { AlertIcon } from "./icons";

export function ProblemMessage({ problem, id }: { problem: ApiProblem | null | undefined; id?: string }) {
  const t = useTranslations("states");
  if (!problem) return null;
  const text =
    problem.status === 0 ? t("offline") : problem.status === 409 || problem.status === 412 ? `${problem.message} ${t("reloadHint")}` : problem.message;
  return (
    <p id={id} role="alert" className="flex items-start gap-1.5 text-sm text-red-700 dark:text-red-300">
      <AlertIcon className="mt-0.5 h-4 w-4 shrink-0" />
      <span>{text}</span>
    </p>
  );
}
