import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { UserActions } from "@/components/admin/user-actions";
import { UserEditForm } from "@/components/admin/user-edit-form";
import { StatusBadge } from "@/components/admin/users-table";
import { getDb } from "@/db";
import { ApiError } from "@/lib/api/errors";
import { roleAllows } from "@/lib/auth/permissions";
import { requirePrincipal } from "@/lib/auth/session";
import { getUser, type UserDto } from "@/lib/entities/users";
import { idParamsSchema } from "@/lib/entities/validators";
import { loadUserFormOptions } from "../user-form-options";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("people"))("person") };
}
export const dynamic = "force-dynamic";

/** A user outside the caller's scope is a 404 page, exactly like an id that does not exist. */
async function loadUser(load: () => Promise<UserDto>): Promise<UserDto> {
  try {
    return await load();
  } catch (err) {
    if (err instanceof ApiError && err.status === 404) notFound();
    throw err;
  }
}

function Detail({ label, value }: { label: string; value: string | null | undefined }) {
  return (
    <div>
      <dt className="text-xs uppercase tracking-wide text-slate-500 dark:text-slate-400">{label}</dt>
      <dd className="mt-0.5">{value ?? "—"}</dd>
    </div>
  );
}

export default async function UserDetailPage({ params }: { params: Promise<{ id: string }> }) {
  const parsed = idParamsSchema.safeParse(await params);
  if (!parsed.success) notFound();
  const principal = await requirePrincipal("users:read", `/admin/users/${parsed.data.id}`);
  const db = await getDb();
  const user = await loadUser(() => getUser(db, principal, parsed.data));
  const canWrite = roleAllows(principal.role, "users:write");
  const options = canWrite ? await loadUserFormOptions(db, principal) : null;
  const withPersonal = "phone" in user;
  const t = await getTranslations("people");
  const roles = await getTranslations("nav.roles");
  const format = await getFormatter();
  const lastSignIn = user.last_sign_in_at ? format.dateTime(new Date(user.last_sign_in_at), { dateStyle: "medium", timeStyle: "short" }) : t("fields.never");

  return (
    <div className="flex flex-col gap-6">
      <Link href="/admin/users" className="text-sm text-emerald-800 hover:underline dark:text-emerald-300">
        {t("back")}
      </Link>
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-bold tracking-tight">{user.name}</h1>
        <StatusBadge active={user.is_active} />
      </div>
      <dl className="grid gap-4 rounded-xl border border-slate-200 bg-white p-4 text-sm sm:grid-cols-2 lg:grid-cols-3 dark:border-slate-800 dark:bg-slate-900">
        <Detail label={t("fields.email")} value={user.email} />
        <Detail label={t("fields.role")} value={roles(user.role)} />
        <Detail label={t("fields.entity")} value={user.entity_name} />
        <Detail label={t("fields.language")} value={user.language} />
        <Detail label={t("fields.timeZone")} value={user.time_zone} />
        <Detail label={t("fields.lastSignIn")} value={lastSignIn} />
        {withPersonal ? (
          <>
            <Detail label={t("fields.phone")} value={user.phone} />
            <Detail label={t("fields.emergencyContact")} value={user.emergency_contact} />
            <Detail label={t("fields.personalNotes")} value={user.personal_notes} />
          </>
        ) : null}
      </dl>
      {options ? (
        <>
          <section aria-labelledby="edit-heading" className="rounded-xl border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900">
            <h2 id="edit-heading" className="mb-4 text-lg font-semibold">
              {t("edit.heading")}
            </h2>
            <UserEditForm userId={user.id} version={user.version} values={user} options={options} withPersonal={withPersonal} />
          </section>
          <section aria-labelledby="account-heading" className="rounded-xl border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900">
            <h2 id="account-heading" className="mb-4 text-lg font-semibold">
              {t("account.heading")}
            </h2>
            <UserActions
              userId={user.id}
              version={user.version}
              isActive={user.is_active}
              isSelf={user.id === principal.userId}
              canRevoke={roleAllows(principal.role, "sessions:revoke")}
            />
          </section>
        </>
      ) : (
        <p className="text-sm text-slate-600 dark:text-slate-400">{t("readOnly")}</p>
      )}
    </div>
  );
}
