"use client";
// Professions: a create form and one row per profession with edit, deactivate and reactivate.
import { useRef, useState } from "react";
import type { ProfessionDto } from "@/lib/entities/professions";
import { Button, FormStatus, TextAreaField, TextField, textOf } from "./form-controls";
import { useApiSubmit } from "./use-api-submit";

export function ProfessionCreateForm() {
  const formRef = useRef<HTMLFormElement>(null);
  const { state, submit, fieldError, pending } = useApiSubmit();
  async function onSubmit(form: FormData) {
    const ok = await submit("POST", "/api/professions", {
      body: { name: textOf(form, "name") ?? "", description: textOf(form, "description") },
      successMessage: "Profession created.",
    });
    if (ok) formRef.current?.reset();
  }
  return (
    <form ref={formRef} action={onSubmit} aria-label="Create profession" className="flex flex-col gap-4">
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField name="name" label="Name" required maxLength={100} error={fieldError("name")} />
        <TextAreaField name="description" label="Description" maxLength={500} error={fieldError("description")} />
      </div>
      <FormStatus state={state} />
      <div>
        <Button pending={pending}>{pending ? "Creating…" : "Create profession"}</Button>
      </div>
    </form>
  );
}

function ProfessionRow({ profession }: { profession: ProfessionDto }) {
  const [editing, setEditing] = useState(false);
  const { state, submit, fieldError, pending } = useApiSubmit();
  const url = `/api/professions/${profession.id}`;

  async function save(form: FormData) {
    const ok = await submit("PATCH", url, { body: { name: textOf(form, "name") ?? "", description: textOf(form, "description") } });
    if (ok) setEditing(false);
  }
  function deactivate() {
    if (!window.confirm(`Deactivate “${profession.name}”? It will no longer be offered for people and templates.`)) return;
    void submit("DELETE", url, { successMessage: "Deactivated." });
  }

  return (
    <li className="flex flex-col gap-3 rounded-xl border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900">
      {editing ? (
        <form action={save} aria-label={`Edit ${profession.name}`} className="flex flex-col gap-3">
          <div className="grid gap-3 sm:grid-cols-2">
            <TextField name="name" label="Name" required maxLength={100} defaultValue={profession.name} error={fieldError("name")} />
            <TextAreaField name="description" label="Description" maxLength={500} defaultValue={profession.description} error={fieldError("description")} />
          </div>
          <div className="flex gap-2">
            <Button pending={pending}>Save</Button>
            <Button type="button" variant="secondary" onClick={() => setEditing(false)}>
              Cancel
            </Button>
          </div>
        </form>
      ) : (
        <div className="flex flex-wrap items-start gap-3">
          <div className="min-w-0 flex-1">
            <p className={`font-medium ${profession.is_active ? "" : "text-slate-500 line-through"}`}>{profession.name}</p>
            <p className="text-sm text-slate-600 dark:text-slate-400">{profession.description ?? "No description."}</p>
            {profession.is_active ? null : <p className="text-xs text-slate-500">Deactivated</p>}
          </div>
          <div className="flex flex-wrap gap-2">
            <Button type="button" variant="secondary" onClick={() => setEditing(true)}>
              Edit
            </Button>
            {profession.is_active ? (
              <Button type="button" variant="danger" pending={pending} onClick={deactivate}>
                Deactivate
              </Button>
            ) : (
              <Button type="button" variant="secondary" pending={pending} onClick={() => void submit("PATCH", url, { body: { is_active: true }, successMessage: "Reactivated." })}>
                Reactivate
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
  if (professions.length === 0) {
    return (
      <p className="rounded-xl border border-dashed border-slate-300 p-8 text-center text-sm text-slate-600 dark:border-slate-700 dark:text-slate-400">
        No professions yet. Create the first one below.
      </p>
    );
  }
  return (
    <ul className="flex flex-col gap-3" aria-label="Professions">
      {professions.map((profession) => (
        <ProfessionRow key={profession.id} profession={profession} />
      ))}
    </ul>
  );
}
