"use client";
// zod issues in the reader's language: the common cases get a translated message, anything else
// keeps the schema's own (English) message, which is still specific.
import { useTranslations } from "next-intl";
import type { z } from "zod";

export function useFieldMessages() {
  const t = useTranslations("fieldErrors");
  return (issue: z.core.$ZodIssue): string => {
    if (issue.code === "too_small") return Number(issue.minimum) <= 1 ? t("required") : t("tooShort", { min: Number(issue.minimum) });
    if (issue.code === "too_big") return t("tooLong", { max: Number(issue.maximum) });
    return issue.message;
  };
}
