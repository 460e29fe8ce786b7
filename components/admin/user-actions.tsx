"use client";
// Account actions on the user detail page: deactivate or reactivate, and sign out everywhere.
import { useTranslations } from "next-intl";
import { Button, FormStatus } from "./form-controls";
import { useApiSubmit } from "./use-api-submit";

export function UserActions({
  userId,
  version,
  isActive,
  isSelf,
  canRevoke,
}: {
  userId: number;
  version: number;
  isActive: boolean;
  isSelf: boolean;
  canRevoke: boolean;
}) {
  const t = useTranslations("people.account");
  const { state, submit, pending } = useApiSubmit();

  function deactivate() {
    if (!window.confirm(t("confirmDeactivate"))) return;
    void submit("DELETE", `/api/users/${userId}`, { ifMatch: version, successMessage: t("deactivated") });
  }
  function reactivate() {
    void submit("PATCH", `/api/users/${userId}`, { body: { is_active: true, version }, successMessage: t("reactivated") });
  }
  function revoke() {
    if (!window.confirm(t("confirmSignOut"))) return;
    void submit("POST", `/api/users/${userId}/revoke-sessions`, { successMessage: t("signedOut") });
  }

  return (
    <div className="flex flex-col gap-3">
      <div className="flex flex-wrap gap-2">
        {isSelf ? null : isActive ? (
          <Button type="button" variant="danger" pending={pending} onClick={deactivate}>
            {t("deactivate")}
          </Button>
        ) : (
          <Button type="button" variant="secondary" pending={pending} onClick={reactivate}>
            {t("reactivate")}
          </Button>
        )}
        {canRevoke ? (
          <Button type="button" variant="secondary" pending={pending} onClick={revoke}>
            {t("signOutEverywhere")}
          </Button>
        ) : null}
      </div>
      {isSelf ? <p className="text-sm text-slate-600 dark:text-slate-400">{t("self")}</p> : null}
      <FormStatus state={state} />
    </div>
  );
}
