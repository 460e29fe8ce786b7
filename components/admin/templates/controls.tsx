"use client";
// Labelled controls of the builder forms. A builder page holds many forms at once (one per
// milestone, task and step), so ids come from useId, and a field error is tied to its input with
// aria-describedby so screen readers read it with the field.
import { type ReactNode, useId } from "react";

export const inputClass =
  "w-full rounded-lg border border-slate-300 bg-white px-3 py-2 text-sm font-normal text-slate-900 outline-none focus:border-emerald-600 focus:ring-2 focus:ring-emerald-600/30 aria-[invalid=true]:border-red-600 disabled:bg-slate-100 disabled:text-slate-500 dark:border-slate-700 dark:bg-slate-950 dark:text-slate-100 dark:disabled:bg-slate-900";

type FieldProps = { label: string; error?: string; hint?: string; className?: string };

/** A label above its control, with an optional hint and error under it. */
export function Field({ label, error, hint, className = "", children }: FieldProps & { children: (ids: { id: string; describedBy?: string }) => ReactNode }) {
  const id = useId();
  const errorId = `${id}-error`;
  const hintId = `${id}-hint`;
  const describedBy = [error ? errorId : null, hint ? hintId : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className={`flex min-w-0 flex-col gap-1 text-sm ${className}`}>
      <label htmlFor={id} className="font-medium text-slate-800 dark:text-slate-200">
        {label}
      </label>
      {children({ id, describedBy })}
      {hint ? (
        <span id={hintId} className="text-xs text-slate-600 dark:text-slate-400">
          {hint}
        </span>
      ) : null}
      {error ? (
        <span id={errorId} className="text-xs text-red-700 dark:text-red-300">
          {error}
        </span>
      ) : null}
    </div>
  );
}

/** What every labelled control carries: its id, its value, its error state and where that is said. */
function controlProps({ id, describedBy }: { id: string; describedBy?: string }, error: string | undefined, value: string, onChange: (value: string) => void) {
  return {
    id,
    value,
    onChange: (e: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>) => onChange(e.target.value),
    "aria-invalid": error ? true : undefined,
    "aria-describedby": describedBy,
    className: inputClass,
  };
}

type ValueProps = { value: string; onChange: (value: string) => void };

type InputProps = FieldProps &
  ValueProps & {
    type?: "text" | "number" | "url" | "search";
    required?: boolean;
    maxLength?: number;
    min?: number;
    max?: number;
    step?: string;
    disabled?: boolean;
    placeholder?: string;
    name?: string;
  };

export function TextInput({ label, error, hint, className, value, onChange, type = "text", ...rest }: InputProps) {
  return (
    <Field label={label} error={error} hint={hint} className={className}>
      {(ids) => <input type={type} {...controlProps(ids, error, value, onChange)} {...rest} />}
    </Field>
  );
}

export function TextArea({
  label,
  error,
  hint,
  className,
  value,
  onChange,
  rows = 3,
  ...rest
}: FieldProps & ValueProps & { rows?: number; maxLength?: number; disabled?: boolean }) {
  return (
    <Field label={label} error={error} hint={hint} className={className}>
      {(ids) => <textarea rows={rows} {...controlProps(ids, error, value, onChange)} {...rest} />}
    </Field>
  );
}

export type Choice = { value: string; label: string };

export function Select({ label, error, hint, className, value, onChange, options, disabled }: FieldProps & ValueProps & { options: Choice[]; disabled?: boolean }) {
  return (
    <Field label={label} error={error} hint={hint} className={className}>
      {(ids) => (
        <select disabled={disabled} {...controlProps(ids, error, value, onChange)}>
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

export function Checkbox({ label, checked, onChange, disabled }: { label: string; checked: boolean; onChange: (checked: boolean) => void; disabled?: boolean }) {
  return (
    <label className="flex items-center gap-2 text-sm text-slate-800 dark:text-slate-200">
      <input
        type="checkbox"
        checked={checked}
        disabled={disabled}
        onChange={(e) => onChange(e.target.checked)}
        className="h-4 w-4 rounded border-slate-400 accent-emerald-700"
      />
      {label}
    </label>
  );
}

const LOOKS = {
  primary: "bg-emerald-700 text-white hover:bg-emerald-800",
  secondary:
    "border border-slate-300 bg-white text-slate-800 hover:bg-slate-50 dark:border-slate-600 dark:bg-slate-900 dark:text-slate-100 dark:hover:bg-slate-800",
  danger: "border border-red-300 bg-white text-red-800 hover:bg-red-50 dark:border-red-800 dark:bg-slate-900 dark:text-red-300 dark:hover:bg-red-950",
  ghost: "text-slate-700 hover:bg-slate-100 dark:text-slate-300 dark:hover:bg-slate-800",
} as const;

export function Button({
  children,
  onClick,
  look = "secondary",
  type = "button",
  pending = false,
  disabled = false,
  size = "md",
  ...aria
}: {
  children: ReactNode;
  onClick?: () => void;
  look?: keyof typeof LOOKS;
  type?: "button" | "submit";
  pending?: boolean;
  disabled?: boolean;
  size?: "sm" | "md";
  "aria-label"?: string;
  "aria-expanded"?: boolean;
  "aria-controls"?: string;
  "aria-pressed"?: boolean;
}) {
  return (
    <button
      type={type}
      onClick={onClick}
      disabled={pending || disabled}
      aria-busy={pending || undefined}
      className={`inline-flex items-center justify-center gap-1.5 rounded-lg font-semibold disabled:cursor-not-allowed disabled:opacity-60 ${
        size === "sm" ? "px-2 py-1 text-xs" : "px-3 py-1.5 text-sm"
      } ${LOOKS[look]}`}
      {...aria}
    >
      {children}
    </button>
  );
}

export function Badge({ tone = "slate", children }: { tone?: "slate" | "amber" | "emerald" | "violet" | "sky"; children: ReactNode }) {
  const tones = {
    slate: "bg-slate-100 text-slate-700 dark:bg-slate-800 dark:text-slate-300",
    amber: "bg-amber-100 text-amber-900 dark:bg-amber-950 dark:text-amber-200",
    emerald: "bg-emerald-100 text-emerald-900 dark:bg-emerald-950 dark:text-emerald-200",
    violet: "bg-violet-100 text-violet-900 dark:bg-violet-950 dark:text-violet-200",
    sky: "bg-sky-100 text-sky-900 dark:bg-sky-950 dark:text-sky-200",
  };
  return <span className={`inline-flex shrink-0 items-center rounded-full px-2 py-0.5 text-xs font-medium ${tones[tone]}`}>{children}</span>;
}
