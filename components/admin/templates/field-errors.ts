"use client";
// zod issues as field errors keyed by their dotted path ("process_definition.items.0.title"), the
// same keys the API's problem answers use, so browser checks and server refusals land beside the
// same inputs. Common cases read in the admin's language; the schema's own message otherwise.
import { useTranslations } from "next-intl";
import type { z } from "zod";

export type FieldErrors = Record<string, string>;

export function useIssueMessages() {
  const t = useTranslations("adminTemplates.errors");
  const messageOf = (issue: z.core.$ZodIssue): string => {
    if (issue.code === "too_small") {
      const min = Number(issue.minimum);
      if (issue.origin === "string") return min <= 1 ? t("required") : t("tooShort", { min });
      if (issue.origin === "array" || issue.origin === "set") return t("listMin", { min });
      return issue.inclusive === false ? t("numberAbove", { min }) : t("numberMin", { min });
    }
    if (issue.code === "too_big") {
      const max = Number(issue.maximum);
      if (issue.origin === "string") return t("tooLong", { max });
      if (issue.origin === "array" || issue.origin === "set") return t("listMax", { max });
      return issue.inclusive === false ? t("numberBelow", { max }) : t("numberMax", { max });
    }
    if (issue.code === "invalid_type" && issue.expected === "number") return t("number");
    if (issue.code === "invalid_type" && issue.expected === "int") return t("integer");
    return issue.message;
  };
  return (error: z.ZodError): FieldErrors => {
    const errors: FieldErrors = {};
    for (const issue of error.issues) {
      const path = issue.path.map(String).join(".") || "(root)";
      errors[path] ??= messageOf(issue);
    }
    return errors;
  };
}

/** The errors under one prefix, with the prefix taken off: what a nested editor reads. */
export function scoped(errors: FieldErrors, prefix: string): FieldErrors {
  const scopedErrors: FieldErrors = {};
  for (const [path, message] of Object.entries(errors)) if (path.startsWith(`${prefix}.`)) scopedErrors[path.slice(prefix.length + 1)] = message;
  return scopedErrors;
}
