"use client";
// The small forms of the milestone level: a milestone template's own fields, its place in the
// program's schedule (start day and length, saved with the program's milestone list), and a new
// task template appended to the milestone. Each checks its input with the API's schema first.
import { useTranslations } from "next-intl";
import { useState } from "react";
import type { MilestoneTemplateDetailDto } from "@/lib/templates/milestone-templates";
import type { TaskTemplateDetailDto } from "@/lib/templates/task-templates";
import { milestoneTemplateUpdateSchema, taskTemplateCreateSchema } from "@/lib/templates/validators";
import { Select, TextArea, TextInput } from "./controls";
import { type FieldErrors, useIssueMessages } from "./field-errors";
import { FormButtons, formClass, numberOf, useSave } from "./form-parts";
import { createTemplate, type ProgramMilestone, putTasks, updateTemplate } from "./program-data";

export function MilestoneSettings({ milestone, onDone }: { milestone: ProgramMilestone; onDone: () => void }) {
  const t = useTranslations("adminTemplates.milestone");
  const toErrors = useIssueMessages();
  const [name, setName] = useState(milestone.name);
  const [description, setDescription] = useState(milestone.description ?? "");
  const [hours, setHours] = useState(String(milestone.expected_hours));
  const { mutation, errors, setErrors } = useSave((changes: Record<string, unknown>) => updateTemplate("milestone", milestone, changes), onDone);
  function submit(event: React.SyntheticEvent) {
    event.preventDefault();
    const changes = { name, description, expected_hours: numberOf(hours) };
    const parsed = milestoneTemplateUpdateSchema.safeParse(changes);
    if (!parsed.success) {
      setErrors(toErrors(parsed.error));
      return;
    }
    setErrors({});
    mutation.mutate(changes);
  }
  return (
    <form onSubmit={submit} noValidate aria-label={t("settingsLabel", { name: milestone.name })} className={formClass}>
      <div className="grid gap-3 sm:grid-cols-[1fr_10rem]">
        <TextInput label={t("name")} value={name} onChange={setName} maxLength={100} error={errors.name} />
        <TextInput label={t("hours")} type="number" min={0} step="0.25" value={hours} onChange={setHours} error={errors.expected_hours} />
      </div>
      <TextArea label={t("description")} value={description} onChange={setDescription} maxLength={500} rows={2} error={errors.description} />
      <FormButtons pending={mutation.isPending} error={mutation.error} onCancel={onDone} />
    </form>
  );
}

export type Schedule = { start_offset_days: number; duration_days: number };

export function ScheduleForm({ milestone, onSave, onDone }: { milestone: ProgramMilestone; onSave: (schedule: Schedule) => Promise<unknown>; onDone: () => void }) {
  const t = useTranslations("adminTemplates.milestone");
  const [offset, setOffset] = useState(String(milestone.start_offset_days));
  const [duration, setDuration] = useState(String(milestone.duration_days));
  const { mutation, errors, setErrors } = useSave(onSave, onDone);
  function submit(event: React.SyntheticEvent) {
    event.preventDefault();
    const schedule = { start_offset_days: numberOf(offset), duration_days: numberOf(duration) };
    const local: FieldErrors = {};
    if (!Number.isInteger(schedule.start_offset_days) || schedule.start_offset_days < 0) local.start_offset_days = t("offsetError");
    if (!Number.isInteger(schedule.duration_days) || schedule.duration_days < 1) local.duration_days = t("durationError");
    setErrors(local);
    if (Object.keys(local).length === 0) mutation.mutate(schedule);
  }
  return (
    <form onSubmit={submit} noValidate aria-label={t("scheduleLabel", { name: milestone.name })} className={formClass}>
      <div className="grid gap-3 sm:grid-cols-2">
        <TextInput label={t("offset")} hint={t("offsetHint")} type="number" min={0} value={offset} onChange={setOffset} error={errors.start_offset_days} />
        <TextInput label={t("duration")} type="number" min={1} value={duration} onChange={setDuration} error={errors.duration_days} />
      </div>
      <FormButtons pending={mutation.isPending} error={mutation.error} onCancel={onDone} />
    </form>
  );
}

export function NewTaskForm({ milestone, onDone }: { milestone: MilestoneTemplateDetailDto | ProgramMilestone; onDone: () => void }) {
  const t = useTranslations("adminTemplates.task");
  const toErrors = useIssueMessages();
  const [name, setName] = useState("");
  const [kind, setKind] = useState<"task" | "exam">("task");
  const [minutes, setMinutes] = useState("30");
  const { mutation, errors, setErrors } = useSave(async (body: Record<string, unknown>) => {
    const task = await createTemplate<TaskTemplateDetailDto>("task", body);
    return putTasks(milestone, [...milestone.task_templates.map((x) => x.id), task.id]);
  }, onDone);
  function submit(event: React.SyntheticEvent) {
    event.preventDefault();
    const body = { name, kind, expected_minutes: numberOf(minutes) };
    const parsed = taskTemplateCreateSchema.safeParse(body);
    if (!parsed.success) {
      setErrors(toErrors(parsed.error));
      return;
    }
    setErrors({});
    mutation.mutate(body);
  }
  return (
    <form onSubmit={submit} noValidate aria-label={t("newLabel", { milestone: milestone.name })} className={formClass}>
      <div className="grid gap-3 sm:grid-cols-[1fr_10rem_10rem]">
        <TextInput label={t("name")} value={name} onChange={setName} maxLength={100} error={errors.name} />
        <Select
          label={t("kind")}
          value={kind}
          onChange={(v) => setKind(v as "task" | "exam")}
          options={[
            { value: "task", label: t("kinds.task") },
            { value: "exam", label: t("kinds.exam") },
          ]}
        />
        <TextInput label={t("minutes")} type="number" min={1} value={minutes} onChange={setMinutes} error={errors.expected_minutes} />
      </div>
      <FormButtons pending={mutation.isPending} error={mutation.error} onCancel={onDone} create />
    </form>
  );
}
