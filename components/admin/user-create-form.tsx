"use client";
// Creates a user through POST /api/users; server-side zod issues appear beside their fields.
import { useRef } from "react";
import { Button, FormStatus } from "./form-controls";
import { UserFormFields, type UserFormOptions, userBodyOf } from "./user-form-fields";
import { useApiSubmit } from "./use-api-submit";

export function UserCreateForm({ options }: { options: UserFormOptions }) {
  const formRef = useRef<HTMLFormElement>(null);
  const { state, submit, fieldError, pending } = useApiSubmit();

  async function onSubmit(form: FormData) {
    const created = await submit("POST", "/api/users", { body: userBodyOf(form, true), successMessage: "User created." });
    if (created) formRef.current?.reset();
  }

  return (
    <form ref={formRef} action={onSubmit} className="flex flex-col gap-4" aria-label="Create user">
      <UserFormFields options={options} fieldError={fieldError} withPersonal passwordLabel="Initial password (optional)" />
      <FormStatus state={state} />
      <div>
        <Button pending={pending}>{pending ? "Creating…" : "Create user"}</Button>
      </div>
    </form>
  );
}
