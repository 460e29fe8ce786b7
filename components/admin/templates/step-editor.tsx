"use client";
// Creating or changing a step template: its name, description and process definition, checked in
// the browser with the API's own schemas (the same zod discriminated union) before it is sent, and
// the server's issues shown beside the same fields. A new step is appended to its task's steps.
import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import type { StepKind } from "@/lib/templates/process-definition";
import { stepTemplateCreateSchema, stepTemplateUpdateSchema } from "@/lib/templates/validators";
import type { ApiProblem } from "@/components/query/api";
import { ChecklistEditor } from "./checklist-editor";
import { Button, Select, TextArea, TextInput } from "./controls";
import { type DefinitionDraft, draftOf, emptyDefinition } from "./definition-draft";
import { type GuideOption, InstructionEditor, SubmissionEditor } from "./definition-editors";
import { type FieldErrors, scoped, useIssueMessages } from "./field-errors";
import { createTemplate, putSteps, type StepTemplateDto, updateTemplate, useBuilder } from "./program-data";
import type { TaskTemplateDetailDto } from "@/lib/templates/task-templates";
import { QuizEditor } from "./quiz-editor";
import { Refusal } from "./refusal";

type Props = {
  task: TaskTemplateDetailDto;
  /** The step to change; absent for a new step of `kind`. */
  step?: StepTemplateDto;
  kind?: StepKind;
  guides: GuideOption[];
  readOnly: boolean;
  onDone: () => void;
};

const KINDS: StepKind[] = ["instruction", "checklist", "quiz", "submission"];

export function StepEditor({ task, step, kind = "instruction", guides, readOnly, onDone }: Props) {
  const t = useTranslations("adminTemplates.step");
  const k = useTranslations("adminTemplates.stepKinds");
  const { refresh } = useBuilder();
  const toErrors = useIssueMessages();
  const [name, setName] = useState(step?.name ?? "");
  const [description, setDescription] = useState(step?.description ?? "");
  const [definition, setDefinition] = useState<DefinitionDraft>(() => draftOf(step?.process_definition ?? null, step?.kind ?? kind));
  const [errors, setErrors] = useState<FieldErrors>({});

  const save = useMutation<unknown, ApiProblem>({
    mutationFn: async () => {
      const fields = { name, description, process_definition: definition };
      if (step) return updateTemplate("step", step, fields);
      const created = await createTemplate<StepTemplateDto>("step", fields);
      return putSteps(task, [...task.steps.map((s) => s.id), created.id]);
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
    const fields = { name, description, process_definition: definition };
    const parsed = step ? stepTemplateUpdateSchema.safeParse({ ...fields, version: step.version }) : stepTemplateCreateSchema.safeParse(fields);
    if (!parsed.success) {
      setErrors(toErrors(parsed.error));
      return;
    }
    setErrors({});
    save.mutate();
  }

  const definitionErrors = scoped(errors, "process_definition");
  const common = { errors: definitionErrors, disabled: readOnly };
  const formLabel = step ? t("editLabel", { name: step.name }) : t("newLabel", { kind: k(definition.type) });
  const hasFieldErrors = Object.keys(errors).length > 0;
  return (
    <form onSubmit={submit} noValidate aria-label={formLabel} className="flex flex-col gap-4 rounded-xl border border-emerald-200 bg-white p-4 dark:border-emerald-900 dark:bg-slate-900">
      <div className="grid gap-3 sm:grid-cols-[1fr_12rem]">
        <TextInput label={t("name")} value={name} onChange={setName} maxLength={100} error={errors.name} disabled={readOnly} />
        <Select
          label={t("kind")}
          value={definition.type}
          onChange={(next) => setDefinition(emptyDefinition(next as StepKind))}
          options={KINDS.map((x) => ({ value: x, label: k(x) }))}
          disabled={readOnly}
          hint={step && !readOnly ? t("kindHint") : undefined}
        />
      </div>
      <TextArea label={t("description")} value={description} onChange={setDescription} maxLength={500} rows={2} error={errors.description} disabled={readOnly} />
      {definition.type === "instruction" ? <InstructionEditor value={definition} onChange={setDefinition} guides={guides} {...common} /> : null}
      {definition.type === "checklist" ? <ChecklistEditor value={definition} onChange={setDefinition} guides={guides} {...common} /> : null}
      {definition.type === "quiz" ? <QuizEditor name={name} value={definition} onChange={setDefinition} {...common} /> : null}
      {definition.type === "submission" ? <SubmissionEditor value={definition} onChange={setDefinition} {...common} /> : null}
      {errors.process_definition ? <p className="text-sm text-red-700 dark:text-red-300">{errors.process_definition}</p> : null}
      {hasFieldErrors && !save.error ? (
        <p role="alert" className="text-sm text-red-700 dark:text-red-300">
          {t("fixErrors")}
        </p>
      ) : null}
      <Refusal problem={save.error} />
      <div className="flex flex-wrap gap-2">
        {readOnly ? null : (
          <Button type="submit" look="primary" pending={save.isPending}>
            {save.isPending ? t("saving") : step ? t("save") : t("create")}
          </Button>
        )}
        <Button onClick={onDone}>{readOnly ? t("close") : t("cancel")}</Button>
      </div>
    </form>
  );
}
