"use client";
// Asking for a report: a scope (a team, a person, an entity, a profession or a program), an optional
// period and the metrics. Checked with the reports API's own schema before sending; the server's
// field issues show beside the fields; a stored report opens on its own page.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useId, useState } from "react";
import { apiFetch, type ApiProblem } from "@/components/query/api";
import { queryKeys } from "@/components/query/query-keys";
import { useFieldMessages } from "@/components/task/field-messages";
import { ProblemMessage } from "@/components/ui/problem-message";
import type { ReportScope } from "@/db/schema";
import type { ReportDto } from "@/lib/reports/dto";
import { ANALYTICS_METRICS, COUNT_METRICS, type ReportMetric, reportCreateSchema, SCORE_METRICS } from "@/lib/reports/validators";
import type { ReportScopeOptions } from "@/lib/views/manager/report-options";
import { FieldError } from "./field-error";

const SCOPE_TYPES: ReportScope[] = ["team", "user", "entity", "profession", "project_template"];
const GROUPS = [
  ["scores", SCORE_METRICS],
  ["counts", COUNT_METRICS],
  ["analytics", ANALYTICS_METRICS],
] as const;
const INPUT =
  "w-full rounded-lg border border-slate-300 bg-white px-3 py-2 text-sm outline-none focus:border-emerald-600 focus:ring-2 focus:ring-emerald-600/30 aria-[invalid=true]:border-red-600 dark:border-slate-700 dark:bg-slate-950";

export function ReportForm({ options }: { options: ReportScopeOptions }) {
  const t = useTranslations("manager.reports");
  const messageOf = useFieldMessages();
  const router = useRouter();
  const client = useQueryClient();
  const id = useId();
  const [type, setType] = useState<ReportScope>("team");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const create = useMutation<ReportDto, ApiProblem, unknown>({
    mutationFn: (body) => apiFetch("/api/reports/create", { method: "POST", body }),
    onSuccess: async (report) => {
      await client.invalidateQueries({ queryKey: queryKeys.reports.all });
      router.push(`/manager/reports/${report.id}`);
    },
    onError: (problem) => setErrors(problem.fieldErrors),
  });
  const error = (field: string) => errors[field];
  const described = (field: string) => (error(field) ? { "aria-invalid": true as const, "aria-describedby": `${id}-${field}-error` } : {});

  function submit(form: FormData) {
    const text = (name: string) => {
      const value = form.get(name);
      return typeof value === "string" ? value : "";
    };
    const from = text("from");
    const to = text("to");
    const body = {
      metrics: {
        scope: { type, id: Number(text("scope_id")) },
        ...(from || to ? { period: { from, to } } : {}),
        include: form.getAll("include").filter((v): v is string => typeof v === "string"),
        per_user: form.get("per_user") === "on",
      },
    };
    const parsed = reportCreateSchema.safeParse(body);
    if (!parsed.success) {
      const found: Record<string, string> = {};
      for (const issue of parsed.error.issues) found[issue.path.map(String).join(".")] ??= messageOf(issue);
      setErrors(found);
      return;
    }
    setErrors({});
    create.mutate(body);
  }

  const choices = options[type];
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        submit(new FormData(e.currentTarget));
      }}
      noValidate
      className="flex flex-col gap-4"
      aria-label={t("formLabel")}
    >
      <div className="grid gap-3 sm:grid-cols-2">
        <div className="flex flex-col gap-1 text-sm">
          <label htmlFor={`${id}-type`} className="font-medium">
            {t("scopeType")}
          </label>
          <select id={`${id}-type`} value={type} onChange={(e) => setType(e.target.value as ReportScope)} className={INPUT}>
            {SCOPE_TYPES.map((s) => (
              <option key={s} value={s}>
                {t(`scope.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="flex flex-col gap-1 text-sm">
          <label htmlFor={`${id}-scope`} className="font-medium">
            {t(`scopeOf.${type}`)}
          </label>
          <select key={type} id={`${id}-scope`} name="scope_id" defaultValue={choices[0]?.id ?? ""} className={INPUT} {...described("metrics.scope.id")}>
            {choices.length === 0 ? <option value="">{t("noChoices")}</option> : null}
            {choices.map((c) => (
              <option key={c.id} value={c.id}>
                {`${"\u00a0\u00a0".repeat(c.depth ?? 0)}${c.label}`}
              </option>
            ))}
          </select>
          <FieldError id={`${id}-metrics.scope.id-error`} message={error("metrics.scope.id") ?? error("metrics.scope")} />
        </div>
      </div>
      <fieldset className="grid gap-3 sm:grid-cols-2">
        <legend className="mb-1 text-sm font-medium">{t("period")}</legend>
        {(["from", "to"] as const).map((edge) => (
          <div key={edge} className="flex flex-col gap-1 text-sm">
            <label htmlFor={`${id}-${edge}`}>{t(edge)}</label>
            <input id={`${id}-${edge}`} name={edge} type="date" className={INPUT} {...described(`metrics.period.${edge}`)} />
            <FieldError id={`${id}-metrics.period.${edge}-error`} message={error(`metrics.period.${edge}`)} />
          </div>
        ))}
        <p className="text-xs text-slate-600 dark:text-slate-400 sm:col-span-2">{t("periodHint")}</p>
      </fieldset>
      <fieldset className="flex flex-col gap-3" aria-describedby={error("metrics.include") ? `${id}-metrics.include-error` : undefined}>
        <legend className="mb-1 text-sm font-medium">{t("metrics")}</legend>
        <div className="grid gap-4 sm:grid-cols-3 lg:grid-cols-2">
          {GROUPS.map(([group, metrics]) => (
            <div key={group} className="flex flex-col gap-1.5 text-sm">
              <p className="text-xs font-semibold uppercase tracking-wide text-slate-600 dark:text-slate-400">{t(`group.${group}`)}</p>
              {metrics.map((m: ReportMetric) => (
                <label key={m} className="inline-flex items-center gap-2">
                  <input type="checkbox" name="include" value={m} defaultChecked={group === "scores"} className="accent-emerald-700" />
                  {t(`metric.${m}`)}
                </label>
              ))}
            </div>
          ))}
        </div>
        <FieldError id={`${id}-metrics.include-error`} message={error("metrics.include")} />
      </fieldset>
      <label className="inline-flex items-center gap-2 text-sm">
        <input type="checkbox" name="per_user" defaultChecked className="accent-emerald-700" />
        {t("perUser")}
      </label>
      {create.error && Object.keys(create.error.fieldErrors).length === 0 ? <ProblemMessage problem={create.error} /> : null}
      <button type="submit" disabled={create.isPending} className="self-start rounded-lg bg-emerald-700 px-4 py-2 text-sm font-semibold text-white hover:bg-emerald-800 disabled:opacity-60">
        {create.isPending ? t("creating") : t("create")}
      </button>
    </form>
  );
}
