"use client";
// A new program: a draft with its name, length and the profession it is the default program of,
// checked with the API's schema, then opened in the builder to add its milestones.
import { useTranslations } from "next-intl";
import { useState } from "react";
import { CreateForm } from "@/components/admin/create-form";
import { projectTemplateCreateSchema } from "@/lib/templates/validators";
import { Select, TextArea, TextInput } from "./controls";

export function CreateProgram({ professions }: { professions: { id: number; name: string }[] }) {
  const p = useTranslations("adminTemplates.program");
  const [name, setName] = useState("");
  const [description, setDescription] = useState("");
  const [days, setDays] = useState("20");
  const [profession, setProfession] = useState("");
  const body = () => ({
    name,
    description,
    duration_days: days.trim() === "" ? Number.NaN : Number(days),
    ...(profession ? { profession_id: Number(profession) } : {}),
  });

  return (
    <CreateForm messages="adminTemplates.create" url="/api/project-templates" schema={projectTemplateCreateSchema} editor="/admin/templates" body={body}>
      {(errors) => (
        <>
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
        </>
      )}
    </CreateForm>
  );
}
