"use client";
// A new program: a draft with its name, length and the profession it is the default program of,
// checked with the API's schema, then opened in the builder to add its milestones.
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import type { ProjectTemplateDetailDto } from "@/lib/templates/project-templates";
import { projectTemplateCreateSchema } from "@/lib/templates/validators";
import { type ApiProblem, apiFetch } from "@/components/query/api";
import { Button, Select, TextArea, TextInput } from "./controls";
import { type FieldErrors, useIssueMessages } from "./field-errors";
import { Refusal } from "./refusal";

export function CreateProgram({ professions }: { professions: { id: number; name: string }[] }) {
  const t = useTranslations("adminTemplates.create");
  const p = useTranslations("adminTemplates.program");
  const router = useRouter();
  const toErrors = useIssueMessages();
  const [open, setOpen] = useState(false);
  const [name, setName] = useState("");
  const [description, setDescription] = useState("");
  const [days, setDays] = useState("20");
  const [profession, setProfession] = useState("");
  const [errors, setErrors] = useState<FieldErrors>({});
  const create = useMutation<ProjectTemplateDetailDto, ApiProblem, Record<string, unknown>>({
    mutationFn: (body) => apiFetch("/api/project-templates", { method: "POST", body }),
    onSuccess: (program) => router.push(`/admin/templates/${program.id}`),
    onError: (problem) => setErrors(problem.fieldErrors),
  });

  function submit(event: React.SyntheticEvent) {
    event.preventDefault();
    const body = {
      name,
      description,
      duration_days: days.trim() === "" ? Number.NaN : Number(days),
      ...(profession ? { profession_id: Number(profession) } : {}),
    };
    const parsed = projectTemplateCreateSchema.safeParse(body);
    if (!parsed.success) {
      setErrors(toErrors(parsed.error));
      return;
    }
    setErrors({});
    create.mutate(body);
  }

  if (!open) {
    return (
      <div>
        <Button look="primary" onClick={() => setOpen(true)} aria-expanded={false}>
          {t("open")}
        </Button>
      </div>
    );
  }
  return (
    <form onSubmit={submit} noValidate aria-label={t("label")} className="flex flex-col gap-3 rounded-xl border border-emerald-200 bg-white p-4 dark:border-emerald-900 dark:bg-slate-900">
      <h2 className="text-base font-semibold">{t("label")}</h2>
      <div className="grid gap-3 sm:grid-cols-[1fr_9rem]">
        <TextInput label={p("name")} value={name} onChange={setName} maxLength={100} error={errors.name} />
        <TextInput label={p("days")} type="number" min={5} value={days} onChange={setDays} error={errors.duration_days} />
      </div>
      <TextArea label={p("description")} value={description} onChange={setDescription} maxLength={500} rows={2} error={errors.description} />
      <Select
        label={p("profession")}
        hint={p("professionHint")}
        value={profession}
        onChange={setProfession}
        options={[{ value: "", label: p("noProfession") }, ...professions.map((x) => ({ value: String(x.id), label: x.name }))]}
        error={errors.profession_id}
      />
      <Refusal problem={create.error} />
      <div className="flex flex-wrap gap-2">
        <Button type="submit" look="primary" pending={create.isPending}>
          {create.isPending ? t("creating") : t("submit")}
        </Button>
        <Button onClick={() => setOpen(false)}>{t("cancel")}</Button>
      </div>
    </form>
  );
}
