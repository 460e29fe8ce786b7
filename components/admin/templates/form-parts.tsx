"use client";
// What the builder's small forms share: a save that refreshes the program either way and keeps the
// server's field issues, the Save/Cancel row with the server's reason for a refusal, and parsing
// of number inputs (an empty one is NaN, which the schemas refuse with a field error).
import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import type { ApiProblem } from "@/components/query/api";
import { Button } from "./controls";
import type { FieldErrors } from "./field-errors";
import { useBuilder } from "./program-data";
import { Refusal } from "./refusal";

export const formClass = "flex flex-col gap-3 rounded-xl border border-emerald-200 bg-white p-4 dark:border-emerald-900 dark:bg-slate-900";

export const numberOf = (text: string) => (text.trim() === "" ? Number.NaN : Number(text));

export function useSave<V>(run: (value: V) => Promise<unknown>, onDone: () => void) {
  const { refresh } = useBuilder();
  const [errors, setErrors] = useState<FieldErrors>({});
  const mutation = useMutation<unknown, ApiProblem, V>({
    mutationFn: run,
    onSuccess: () => {
      void refresh();
      onDone();
    },
    onError: (problem) => {
      setErrors(problem.fieldErrors);
      void refresh();
    },
  });
  return { mutation, errors, setErrors };
}

export function FormButtons({ pending, error, onCancel, create = false }: { pending: boolean; error: ApiProblem | null; onCancel: () => void; create?: boolean }) {
  const t = useTranslations("adminTemplates.form");
  return (
    <>
      <Refusal problem={error} />
      <div className="flex flex-wrap gap-2">
        <Button type="submit" look="primary" pending={pending}>
          {pending ? t("saving") : create ? t("create") : t("save")}
        </Button>
        <Button onClick={onCancel}>{t("cancel")}</Button>
      </div>
    </>
  );
}
