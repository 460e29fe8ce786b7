"use client";
// Edits a user through PATCH /api/users/:id with the version it was read at, so a concurrent
// change is reported (409) instead of silently overwritten. The form submits through onSubmit,
// not a form action, so a refused change keeps what was typed.
import { useTranslations } from "next-intl";
import type { SubmitEvent } from "react";
import { Button, FormStatus } from "./form-controls";
import { UserFormFields, type UserFormOptions, type UserFormValues, userBodyOf } from "./user-form-fields";
import { useApiSubmit } from "./use-api-submit";

export function UserEditForm({
  userId,
  version,
  values,
  options,
  withPersonal,
}: {
  userId: number;
  version: number;
  values: UserFormValues;
  options: UserFormOptions;
  withPersonal: boolean;
}) {
  const t = useTranslations("people");
  const { state, submit, fieldError, pending } = useApiSubmit();

  async function onSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const body = { ...userBodyOf(new FormData(event.currentTarget), withPersonal), version };
    await submit("PATCH", `/api/users/${userId}`, { body, successMessage: t("edit.done") });
  }

  return (
    // The key remounts the form after a save, so its defaults show the stored values and version.
    <form key={version} onSubmit={(event) => void onSubmit(event)} className="flex flex-col gap-4" aria-label={t("edit.label")}>
      <UserFormFields options={options} values={values} fieldError={fieldError} withPersonal={withPersonal} passwordLabel={t("fields.newPassword")} />
      <FormStatus state={state} />
      <div>
        <Button pending={pending}>{pending ? t("edit.pending") : t("edit.submit")}</Button>
      </div>
    </form>
  );
}
