// The user fields shared by the create and edit forms, so both show the same labels and errors.
import { useTranslations } from "next-intl";
import { type Option, SelectField, TextAreaField, TextField, idOf, textOf } from "./form-controls";

export type UserFormOptions = {
  roles: Option[];
  entities: Option[];
  managers: Option[];
  professions: Option[];
  languages: Option[];
};

export type UserFormValues = {
  name?: string;
  email?: string;
  role?: string;
  entity_id?: number;
  manager_id?: number | null;
  profession_id?: number | null;
  language?: string | null;
  time_zone?: string | null;
  phone?: string | null;
  personal_notes?: string | null;
  emergency_contact?: string | null;
};

export function UserFormFields({
  options,
  values = {},
  fieldError,
  withPersonal,
  passwordLabel,
}: {
  options: UserFormOptions;
  values?: UserFormValues;
  fieldError: (name: string) => string | undefined;
  withPersonal: boolean;
  passwordLabel: string;
}) {
  const t = useTranslations("people.fields");
  return (
    <div className="grid gap-4 sm:grid-cols-2">
      <TextField name="name" label={t("name")} required maxLength={100} defaultValue={values.name} error={fieldError("name")} />
      <TextField name="email" label={t("email")} type="email" required maxLength={254} autoComplete="off" defaultValue={values.email} error={fieldError("email")} />
      <SelectField name="role" label={t("role")} required options={options.roles} defaultValue={values.role ?? "employee"} error={fieldError("role")} />
      <SelectField name="entity_id" label={t("entity")} required options={options.entities} defaultValue={values.entity_id} emptyLabel={t("chooseEntity")} error={fieldError("entity_id")} />
      <SelectField name="manager_id" label={t("manager")} options={options.managers} defaultValue={values.manager_id} emptyLabel={t("noManager")} error={fieldError("manager_id")} />
      <SelectField name="profession_id" label={t("profession")} options={options.professions} defaultValue={values.profession_id} emptyLabel={t("noProfession")} error={fieldError("profession_id")} />
      <SelectField name="language" label={t("language")} options={options.languages} defaultValue={values.language} emptyLabel={t("entityDefault")} error={fieldError("language")} />
      <TextField name="time_zone" label={t("timeZone")} maxLength={64} defaultValue={values.time_zone} hint={t("timeZoneHint")} error={fieldError("time_zone")} />
      <TextField
        name="password"
        label={passwordLabel}
        type="password"
        autoComplete="new-password"
        maxLength={64}
        hint={t("passwordHint")}
        error={fieldError("password")}
      />
      {withPersonal ? (
        <>
          <TextField name="phone" label={t("phone")} type="tel" maxLength={40} defaultValue={values.phone} error={fieldError("phone")} />
          <TextField name="emergency_contact" label={t("emergencyContact")} maxLength={200} defaultValue={values.emergency_contact} error={fieldError("emergency_contact")} />
          <div className="sm:col-span-2">
            <TextAreaField name="personal_notes" label={t("personalNotes")} maxLength={2000} defaultValue={values.personal_notes} error={fieldError("personal_notes")} />
          </div>
        </>
      ) : null}
    </div>
  );
}

/** The JSON body of the user fields; optional empties become null so they clear the stored value. */
export function userBodyOf(form: FormData, withPersonal: boolean): Record<string, unknown> {
  const body: Record<string, unknown> = {
    name: textOf(form, "name") ?? "",
    email: textOf(form, "email") ?? "",
    role: textOf(form, "role"),
    entity_id: idOf(form, "entity_id"),
    manager_id: idOf(form, "manager_id"),
    profession_id: idOf(form, "profession_id"),
    language: textOf(form, "language"),
    time_zone: textOf(form, "time_zone"),
  };
  const password = form.get("password");
  if (typeof password === "string" && password !== "") body.password = password;
  if (withPersonal) {
    body.phone = textOf(form, "phone");
    body.emergency_contact = textOf(form, "emergency_contact");
    body.personal_notes = textOf(form, "personal_notes");
  }
  return body;
}
