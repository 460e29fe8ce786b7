"use client";
// Edits a user through PATCH /api/users/:id with the version it was read at, so a concurrent
// change is reported (409) instead of silently overwritten.
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
  const { state, submit, fieldError, pending } = useApiSubmit();

  async function onSubmit(form: FormData) {
    await submit("PATCH", `/api/users/${userId}`, { body: { ...userBodyOf(form, withPersonal), version }, successMessage: "Changes saved." });
  }

  return (
    // The key remounts the form after a save, so its defaults show the stored values and version.
    <form key={version} action={onSubmit} className="flex flex-col gap-4" aria-label="Edit user">
      <UserFormFields options={options} values={values} fieldError={fieldError} withPersonal={withPersonal} passwordLabel="Set a new password" />
      <FormStatus state={state} />
      <div>
        <Button pending={pending}>{pending ? "Saving…" : "Save changes"}</Button>
      </div>
    </form>
  );
}
