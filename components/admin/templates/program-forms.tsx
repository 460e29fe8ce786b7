"use client";
// The program level's forms: the program's own fields (name, description, length, the profession
// it is the default program of) and a new milestone template added at the end of its schedule.
import { useTranslations } from "next-intl";
import { useState } from "react";
import type { MilestoneTemplateDetailDto } from "@/lib/templates/milestone-templates";
import { milestoneTemplateCreateSchema, projectTemplateUpdateSchema } from "@/lib/templates/validators";
import { Select, TextArea, TextInput } from "./controls";
import { useIssueMessages } from "./field-errors";
import { FormButtons, formClass, numberOf, useSave } from "./form-parts";
import { createTemplate, linksOf, type ProgramTree, putMilestones, updateTemplate, useBuilder } from "./program-data";

export function ProgramDetailsForm({ program, onDone }: { program: ProgramTree; onDone: () => void }) {
  const t = useTranslations("adminTemplates.program");
  const { professions } = useBuilder();
  const toErrors = useIssueMessages();
  const [name, setName] = useState(program.name);
  const [description, setDescription] = useState(program.description ?? "");
  const [days, setDays] = useState(String(program.duration_days));
  const [profession, setProfession] = useState(program.profession_id === null ? "" : String(program.profession_id));
  const { mutation, errors, setErrors } = useSave((changes: Record<string, unknown>) => updateTemplate("project", program, changes), onDone);
  function submit(event: React.SyntheticEvent) {
    event.preventDefault();
    const changes = { name, description, duration_days: numberOf(days), profession_id: profession === "" ? null : Number(profession) };
    const parsed = projectTemplateUpdateSchema.safeParse(changes);
    if (!parsed.success) {
      setErrors(toErrors(parsed.error));
      return;
    }
    setErrors({});
    mutation.mutate(changes);
  }
  return (
    <form onSubmit={submit} noValidate aria-label={t("detailsLabel")} className={formClass}>
      <div className="grid gap-3 sm:grid-cols-[1fr_9rem]">
        <TextInput label={t("name")} value={name} onChange={setName} maxLength={100} error={errors.name} />
        <TextInput label={t("days")} type="number" min={5} value={days} onChange={setDays} error={errors.duration_days} />
      </div>
      <TextArea label={t("description")} value={description} onChange={setDescription} maxLength={500} rows={2} error={errors.description} />
      <Select
        label={t("profession")}
        hint={t("professionHint")}
        value={profession}
        onChange={setProfession}
        options={[{ value: "", label: t("noProfession") }, ...professions.map((p) => ({ value: String(p.id), label: p.name }))]}
        error={errors.profession_id}
      />
      <FormButtons pending={mutation.isPending} error={mutation.error} onCancel={onDone} />
    </form>
  );
}

export function NewMilestoneForm({ program, onDone }: { program: ProgramTree; onDone: () => void }) {
  const t = useTranslations("adminTemplates.milestone");
  const toErrors = useIssueMessages();
  const last = program.milestones.at(-1);
  const [name, setName] = useState("");
  const [hours, setHours] = useState("8");
  const [offset, setOffset] = useState(String(last ? last.start_offset_days + last.duration_days : 0));
  const [duration, setDuration] = useState("5");
  const { mutation, errors, setErrors } = useSave(async (input: { body: Record<string, unknown>; offset: number; duration: number }) => {
    const milestone = await createTemplate<MilestoneTemplateDetailDto>("milestone", input.body);
    return putMilestones(program, [...linksOf(program), { milestone_template_id: milestone.id, start_offset_days: input.offset, duration_days: input.duration }]);
  }, onDone);
  function submit(event: React.SyntheticEvent) {
    event.preventDefault();
    const body = { name, expected_hours: numberOf(hours) };
    const parsed = milestoneTemplateCreateSchema.safeParse(body);
    const local = parsed.success ? {} : toErrors(parsed.error);
    const start = numberOf(offset);
    const length = numberOf(duration);
    if (!Number.isInteger(start) || start < 0) local.start_offset_days = t("offsetError");
    if (!Number.isInteger(length) || length < 1) local.duration_days = t("durationError");
    setErrors(local);
    if (Object.keys(local).length === 0) mutation.mutate({ body, offset: start, duration: length });
  }
  return (
    <form onSubmit={submit} noValidate aria-label={t("newLabel")} className={formClass}>
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
        <TextInput className="lg:col-span-1" label={t("name")} value={name} onChange={setName} maxLength={100} error={errors.name} />
        <TextInput label={t("hours")} type="number" min={0} step="0.25" value={hours} onChange={setHours} error={errors.expected_hours} />
        <TextInput label={t("offset")} hint={t("offsetHint")} type="number" min={0} value={offset} onChange={setOffset} error={errors.start_offset_days} />
        <TextInput label={t("duration")} type="number" min={1} value={duration} onChange={setDuration} error={errors.duration_days} />
      </div>
      <FormButtons pending={mutation.isPending} error={mutation.error} onCancel={onDone} create />
    </form>
  );
}
