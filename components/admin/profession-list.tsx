"use client";
// Professions: a create form and one row per profession with edit, deactivate and reactivate. The
// forms submit through onSubmit, not a form action, so a refused request keeps what was typed.
import { useTranslations } from "next-intl";
import { type SubmitEvent, useState } from "react";
import type { ProfessionDto } from "@/lib/entities/professions";
import { Button, FormStatus, TextAreaField, TextField, textOf } from "./form-controls";
import { useApiSubmit } from "./use-api-submit";

const bodyOf = (form: HTMLFormElement) => {
  const data = new FormData(form);
  return { name: textOf(data, "name") ?? "", description: textOf(data, "description") };
};

export function ProfessionCreateForm() {
  const t = useTranslations("professions");
  const forms = useTranslations("forms");
  const { state, submit, fieldError, pending } = useApiSubmit();
  async function onSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const ok = await submit("POST", "/api/professions", { body: bodyOf(form), successMessage: t("created") });
    if (ok) form.reset();
  }
  return (
    <form onSubmit={(event) => void onSubmit(event)} aria-label={t("createLabel")} className="flex flex-col gap-4">
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField name="name" label={t("name")} required maxLength={100} error={fieldError("name")} />
        <TextAreaField name="description" label={t("description")} maxLength={500} error={fieldError("description")} />
      </div>
      <FormStatus state={state} />
      <div>
        <Button pending={pending}>{pending ? forms("creating") : t("createLabel")}</Button>
      </div>
    </form>
  );
}

function ProfessionRow({ profession }: { profession: ProfessionDto }) {
  const t = useTranslations("professions");
  const forms = useTranslations("forms");
  const [editing, setEditing] = useState(false);
  const { state, submit, fieldError, pending } = useApiSubmit();
  const url = `/api/professions/${profession.id}`;

  async function save(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const ok = await submit("PATCH", url, { body: bodyOf(event.currentTarget) });
    if (ok) setEditing(false);
  }
  function deactivate() {
    if (!window.confirm(t("confirmDeactivate", { name: profession.name }))) return;
    void submit("DELETE", url, { successMessage: forms("deactivated") });
  }

  return (
    <li className="flex flex-col gap-3 rounded-xl border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900">
      {editing ? (
        <form onSubmit={(event) => void save(event)} aria-label={t("editLabel", { name: profession.name })} className="flex flex-col gap-3">
          <div className="grid gap-3 sm:grid-cols-2">
            <TextField name="name" label={t("name")} required maxLength={100} defaultValue={profession.name} error={fieldError("name")} />
            <TextAreaField name="description" label={t("description")} maxLength={500} defaultValue={profession.description} error={fieldError("description")} />
          </div>
          <div className="flex gap-2">
            <Button pending={pending}>{pending ? forms("saving") : forms("save")}</Button>
            <Button type="button" variant="secondary" onClick={() => setEditing(false)}>
              {forms("cancel")}
            </Button>
          </div>
        </form>
      ) : (
        <div className="flex flex-wrap items-start gap-3">
          <div className="min-w-0 flex-1">
            <p className={`font-medium ${profession.is_active ? "" : "text-slate-500 line-through"}`}>{profession.name}</p>
            <p className="text-sm text-slate-600 dark:text-slate-400">{profession.description ?? t("noDescription")}</p>
            {profession.is_active ? null : <p className="text-xs text-slate-500">{forms("inactive")}</p>}
          </div>
          <div className="flex flex-wrap gap-2">
            <Button type="button" variant="secondary" onClick={() => setEditing(true)}>
              {forms("edit")}
            </Button>
            {profession.is_active ? (
              <Button type="button" variant="danger" pending={pending} onClick={deactivate}>
                {forms("deactivate")}
              </Button>
            ) : (
              <Button
                type="button"
                variant="secondary"
                pending={pending}
                onClick={() => void submit("PATCH", url, { body: { is_active: true }, successMessage: forms("reactivated") })}
              >
                {forms("reactivate")}
              </Button>
            )}
          </div>
        </div>
      )}
      <FormStatus state={state} />
    </li>
  );
}

export function ProfessionList({ professions }: { professions: ProfessionDto[] }) {
  const t = useTranslations("professions");
  if (professions.length === 0) {
    return (
      <p className="rounded-xl border border-dashed border-slate-300 p-8 text-center text-sm text-slate-600 dark:border-slate-700 dark:text-slate-400">
        {t("empty")}
      </p>
    );
  }
  return (
    <ul className="flex flex-col gap-3" aria-label={t("title")}>
      {professions.map((profession) => (
        <ProfessionRow key={profession.id} profession={profession} />
      ))}
    </ul>
  );
}
