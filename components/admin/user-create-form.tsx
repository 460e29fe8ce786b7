"use client";
// Creates a user through POST /api/users; server-side zod issues appear beside their fields. The
// form submits through onSubmit, not a form action, so a refused request keeps what was typed.
import { useTranslations } from "next-intl";
import type { SubmitEvent } from "react";
import { Button, FormStatus } from "./form-controls";
import { UserFormFields, type UserFormOptions, userBodyOf } from "./user-form-fields";
import { useApiSubmit } from "./use-api-submit";

export function UserCreateForm({ options }: { options: UserFormOptions }) {
  const t = useTranslations("people");
  const { state, submit, fieldError, pending } = useApiSubmit();

  async function onSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const created = await submit("POST", "/api/users", { body: userBodyOf(new FormData(form), true), successMessage: t("create.done") });
    if (created) form.reset();
  }

  return (
    <form onSubmit={(event) => void onSubmit(event)} className="flex flex-col gap-4" aria-label={t("create.label")}>
      <UserFormFields options={options} fieldError={fieldError} withPersonal passwordLabel={t("fields.initialPassword")} />
      <FormStatus state={state} />
      <div>
        <Button pending={pending}>{pending ? t("create.pending") : t("create.submit")}</Button>
      </div>
    </form>
  );
}
