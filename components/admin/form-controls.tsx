// Labelled form controls for the admin forms: every input has a visible label, and a field error
// is linked with aria-describedby so screen readers announce it with the field.
import type { ReactNode } from "react";
import type { SubmitState } from "./use-api-submit";

const inputClass =
  "w-full rounded-lg border border-slate-300 bg-white px-3 py-2 text-sm font-normal outline-none focus:border-emerald-600 focus:ring-2 focus:ring-emerald-600/30 aria-[invalid=true]:border-red-600 dark:border-slate-700 dark:bg-slate-950";

type FieldProps = { name: string; label: string; error?: string; hint?: string };

function FieldShell({ name, label, error, hint, children }: FieldProps & { children: ReactNode }) {
  return (
    <label className="flex flex-col gap-1 text-sm font-medium" htmlFor={`field-${name}`}>
      {label}
      {children}
      {hint ? <span className="text-xs font-normal text-slate-500 dark:text-slate-400">{hint}</span> : null}
      {error ? (
        <span id={`field-${name}-error`} className="text-xs font-normal text-red-700 dark:text-red-300">
          {error}
        </span>
      ) : null}
    </label>
  );
}

type TextFieldProps = FieldProps & {
  type?: "text" | "email" | "password" | "tel" | "number" | "search";
  defaultValue?: string | number | null;
  required?: boolean;
  autoComplete?: string;
  maxLength?: number;
  step?: string;
  min?: number;
  max?: number;
};

export function TextField({ name, label, error, hint, type = "text", defaultValue, ...rest }: TextFieldProps) {
  return (
    <FieldShell name={name} label={label} error={error} hint={hint}>
      <input
        id={`field-${name}`}
        name={name}
        type={type}
        defaultValue={defaultValue ?? ""}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `field-${name}-error` : undefined}
        className={inputClass}
        {...rest}
      />
    </FieldShell>
  );
}

export function TextAreaField({ name, label, error, hint, defaultValue, maxLength }: FieldProps & { defaultValue?: string | null; maxLength?: number }) {
  return (
    <FieldShell name={name} label={label} error={error} hint={hint}>
      <textarea
        id={`field-${name}`}
        name={name}
        rows={3}
        maxLength={maxLength}
        defaultValue={defaultValue ?? ""}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `field-${name}-error` : undefined}
        className={inputClass}
      />
    </FieldShell>
  );
}

export type Option = { value: string; label: string };

export function SelectField({
  name,
  label,
  error,
  hint,
  options,
  defaultValue,
  emptyLabel,
  required,
}: FieldProps & { options: Option[]; defaultValue?: string | number | null; emptyLabel?: string; required?: boolean }) {
  return (
    <FieldShell name={name} label={label} error={error} hint={hint}>
      <select
        id={`field-${name}`}
        name={name}
        defaultValue={defaultValue == null ? "" : String(defaultValue)}
        required={required}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `field-${name}-error` : undefined}
        className={inputClass}
      >
        {emptyLabel !== undefined ? <option value="">{emptyLabel}</option> : null}
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </FieldShell>
  );
}

/** The outcome of the last submit, announced politely (success) or assertively (error). */
export function FormStatus({ state }: { state: SubmitState }) {
  if (state.kind === "error") {
    return (
      <p role="alert" className="rounded-lg bg-red-50 px-3 py-2 text-sm text-red-800 dark:bg-red-950 dark:text-red-200">
        {state.message}
      </p>
    );
  }
  if (state.kind === "done") {
    return (
      <p role="status" className="rounded-lg bg-emerald-50 px-3 py-2 text-sm text-emerald-800 dark:bg-emerald-950 dark:text-emerald-200">
        {state.message}
      </p>
    );
  }
  return null;
}

export function Button({
  children,
  pending,
  variant = "primary",
  type = "submit",
  onClick,
}: {
  children: ReactNode;
  pending?: boolean;
  variant?: "primary" | "secondary" | "danger";
  type?: "submit" | "button";
  onClick?: () => void;
}) {
  const look = {
    primary: "bg-emerald-700 text-white hover:bg-emerald-800",
    secondary: "border border-slate-300 bg-white text-slate-800 hover:bg-slate-50 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100",
    danger: "bg-red-700 text-white hover:bg-red-800",
  }[variant];
  return (
    <button type={type} onClick={onClick} disabled={pending} aria-busy={pending} className={`rounded-lg px-3 py-2 text-sm font-semibold disabled:opacity-60 ${look}`}>
      {children}
    </button>
  );
}

/** Text of a form field, or null when it was left empty (clears an optional value). */
export function textOf(form: FormData, name: string): string | null {
  const value = form.get(name);
  return typeof value === "string" && value.trim() !== "" ? value.trim() : null;
}

/** A numeric id from a select, or null for its empty option. */
export function idOf(form: FormData, name: string): number | null {
  const value = textOf(form, name);
  return value === null ? null : Number(value);
}
