"use client";
// Account actions on the user detail page: deactivate or reactivate, and sign out everywhere.
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
  const { state, submit, pending } = useApiSubmit();

  function deactivate() {
    if (!window.confirm("Deactivate this user? They are signed out at once and cannot sign in until reactivated.")) return;
    void submit("DELETE", `/api/users/${userId}`, { ifMatch: version, successMessage: "User deactivated." });
  }
  function reactivate() {
    void submit("PATCH", `/api/users/${userId}`, { body: { is_active: true, version }, successMessage: "User reactivated." });
  }
  function revoke() {
    if (!window.confirm("Sign this user out of every browser and device?")) return;
    void submit("POST", `/api/users/${userId}/revoke-sessions`, { successMessage: "All sessions of this user were ended." });
  }

  return (
    <div className="flex flex-col gap-3">
      <div className="flex flex-wrap gap-2">
        {isSelf ? null : isActive ? (
          <Button type="button" variant="danger" pending={pending} onClick={deactivate}>
            Deactivate user
          </Button>
        ) : (
          <Button type="button" variant="secondary" pending={pending} onClick={reactivate}>
            Reactivate user
          </Button>
        )}
        {canRevoke ? (
          <Button type="button" variant="secondary" pending={pending} onClick={revoke}>
            Sign out everywhere
          </Button>
        ) : null}
      </div>
      {isSelf ? <p className="text-sm text-slate-600 dark:text-slate-400">You cannot deactivate your own account.</p> : null}
      <FormStatus state={state} />
    </div>
  );
}
