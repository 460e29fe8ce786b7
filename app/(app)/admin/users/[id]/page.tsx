import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
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

export const metadata: Metadata = { title: "Person" };
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

  return (
    <div className="flex flex-col gap-6">
      <Link href="/admin/users" className="text-sm text-emerald-800 hover:underline dark:text-emerald-300">
        ← People
      </Link>
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-bold tracking-tight">{user.name}</h1>
        <StatusBadge active={user.is_active} />
      </div>
      <dl className="grid gap-4 rounded-xl border border-slate-200 bg-white p-4 text-sm sm:grid-cols-2 lg:grid-cols-3 dark:border-slate-800 dark:bg-slate-900">
        <Detail label="Email" value={user.email} />
        <Detail label="Role" value={user.role} />
        <Detail label="Entity" value={user.entity_name} />
        <Detail label="Language" value={user.language} />
        <Detail label="Time zone" value={user.time_zone} />
        <Detail label="Last sign-in" value={user.last_sign_in_at ? new Date(user.last_sign_in_at).toUTCString() : "Never"} />
        {withPersonal ? (
          <>
            <Detail label="Phone" value={user.phone} />
            <Detail label="Emergency contact" value={user.emergency_contact} />
            <Detail label="Personal notes" value={user.personal_notes} />
          </>
        ) : null}
      </dl>
      {options ? (
        <>
          <section aria-labelledby="edit-heading" className="rounded-xl border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900">
            <h2 id="edit-heading" className="mb-4 text-lg font-semibold">
              Edit
            </h2>
            <UserEditForm userId={user.id} version={user.version} values={user} options={options} withPersonal={withPersonal} />
          </section>
          <section aria-labelledby="account-heading" className="rounded-xl border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900">
            <h2 id="account-heading" className="mb-4 text-lg font-semibold">
              Account
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
        <p className="text-sm text-slate-600 dark:text-slate-400">You can view this person; only admins can change their details.</p>
      )}
    </div>
  );
}
