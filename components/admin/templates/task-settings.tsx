"use client";
// A draft task template's own fields (name, description, task or exam, expected minutes), the
// professions it is meant for and its parent templates. Each list is saved through its own route
// with the version the previous save answered; a cycle of parents is refused by the server, whose
// reason (the cycle, by name) is shown here.
import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import type { TaskTemplateDetailDto } from "@/lib/templates/task-templates";
import { taskTemplateUpdateSchema } from "@/lib/templates/validators";
import type { ApiProblem } from "@/components/query/api";
import { Button, Checkbox, Select, TextArea, TextInput } from "./controls";
import { type FieldErrors, useIssueMessages } from "./field-errors";
import { putParents, putProfessions, updateTemplate, useBuilder } from "./program-data";
import { Refusal } from "./refusal";

type Props = { task: TaskTemplateDetailDto; siblings: { id: number; name: string; lineage_id: number }[]; onDone: () => void };

const sameSet = (a: number[], b: number[]) => a.length === b.length && a.every((x) => b.includes(x));

export function TaskSettings({ task, siblings, onDone }: Props) {
  const t = useTranslations("adminTemplates.task");
  const { professions, refresh } = useBuilder();
  const toErrors = useIssueMessages();
  const [name, setName] = useState(task.name);
  const [description, setDescription] = useState(task.description ?? "");
  const [kind, setKind] = useState(task.kind);
  const [minutes, setMinutes] = useState(String(task.expected_minutes));
  const [professionIds, setProfessionIds] = useState(task.professions.map((p) => p.id));
  const [parentIds, setParentIds] = useState(task.parents.map((p) => p.id));
  const [errors, setErrors] = useState<FieldErrors>({});

  const candidates = [
    ...siblings.filter((s) => s.lineage_id !== task.lineage_id),
    ...task.parents.filter((p) => !siblings.some((s) => s.id === p.id)),
  ];
  const professionChoices = [...professions, ...task.professions.filter((p) => !professions.some((x) => x.id === p.id))];

  const save = useMutation<unknown, ApiProblem, Record<string, unknown>>({
    mutationFn: async (changes) => {
      let current: { id: number; version: number; is_draft: boolean; entity_id: number | null } = task;
      current = await updateTemplate<TaskTemplateDetailDto>("task", current, changes);
      const initialProfessions = task.professions.map((p) => p.id);
      if (!sameSet(initialProfessions, professionIds)) current = await putProfessions(current, professionIds);
      const initialParents = task.parents.map((p) => p.id);
      if (!sameSet(initialParents, parentIds)) current = await putParents(current, parentIds);
      return current;
    },
    onSuccess: () => {
      void refresh();
      onDone();
    },
    onError: (problem) => {
      setErrors(problem.fieldErrors);
      void refresh();
    },
  });

  function submit(event: React.SyntheticEvent) {
    event.preventDefault();
    const changes = { name, description, kind, expected_minutes: minutes.trim() === "" ? Number.NaN : Number(minutes) };
    const parsed = taskTemplateUpdateSchema.safeParse(changes);
    if (!parsed.success) {
      setErrors(toErrors(parsed.error));
      return;
    }
    setErrors({});
    save.mutate(changes);
  }

  const toggle = (list: number[], id: number, on: boolean) => (on ? [...list, id] : list.filter((x) => x !== id));
  return (
    <form onSubmit={submit} noValidate aria-label={t("settingsLabel", { name: task.name })} className="flex flex-col gap-3 rounded-xl border border-emerald-200 bg-white p-4 dark:border-emerald-900 dark:bg-slate-900">
      <div className="grid gap-3 sm:grid-cols-[1fr_10rem_10rem]">
        <TextInput label={t("name")} value={name} onChange={setName} maxLength={100} error={errors.name} />
        <Select
          label={t("kind")}
          value={kind}
          onChange={(v) => setKind(v as typeof kind)}
          options={[
            { value: "task", label: t("kinds.task") },
            { value: "exam", label: t("kinds.exam") },
          ]}
          error={errors.kind}
        />
        <TextInput label={t("minutes")} type="number" min={1} max={100000} value={minutes} onChange={setMinutes} error={errors.expected_minutes} />
      </div>
      <TextArea label={t("description")} value={description} onChange={setDescription} maxLength={500} rows={2} error={errors.description} />
      <div className="grid gap-4 md:grid-cols-2">
        <fieldset className="flex flex-col gap-1.5">
          <legend className="mb-1 text-sm font-medium">{t("professions")}</legend>
          {professionChoices.length === 0 ? <p className="text-xs text-slate-600 dark:text-slate-400">{t("noProfessions")}</p> : null}
          {professionChoices.map((p) => (
            <Checkbox key={p.id} label={p.name} checked={professionIds.includes(p.id)} onChange={(on) => setProfessionIds(toggle(professionIds, p.id, on))} />
          ))}
        </fieldset>
        <fieldset className="flex flex-col gap-1.5">
          <legend className="mb-1 text-sm font-medium">{t("parents")}</legend>
          <p className="text-xs text-slate-600 dark:text-slate-400">{t("parentsHint")}</p>
          {candidates.length === 0 ? <p className="text-xs text-slate-600 dark:text-slate-400">{t("noParents")}</p> : null}
          {candidates.map((p) => (
            <Checkbox key={p.id} label={p.name} checked={parentIds.includes(p.id)} onChange={(on) => setParentIds(toggle(parentIds, p.id, on))} />
          ))}
        </fieldset>
      </div>
      <Refusal problem={save.error} />
      <div className="flex flex-wrap gap-2">
        <Button type="submit" look="primary" pending={save.isPending}>
          {save.isPending ? t("saving") : t("save")}
        </Button>
        <Button onClick={onDone}>{t("cancel")}</Button>
      </div>
    </form>
  );
}
