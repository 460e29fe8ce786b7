import type { Metadata } from "next";
import { CreateTokenForm } from "@/components/tokens/create-token-form";
import { RevokeTokenButton } from "@/components/tokens/revoke-token-button";
import { getDb } from "@/db";
import { requirePrincipal } from "@/lib/auth/session";
import { listApiTokens, type TokenDTO, type TokenStatus } from "@/lib/auth/tokens";

export const metadata: Metadata = { title: "API tokens" };

// Dates are shown in UTC: the server renders them and does not know the reader's time zone.
const dateFormat = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

function When({ iso, empty }: { iso: string | null; empty: string }) {
  if (!iso) return <span className="text-slate-500 dark:text-slate-400">{empty}</span>;
  return <time dateTime={iso}>{dateFormat.format(new Date(iso))} UTC</time>;
}

const STATUS_STYLE: Record<TokenStatus, string> = {
  active: "bg-emerald-100 text-emerald-900 dark:bg-emerald-950 dark:text-emerald-200",
  expired: "bg-amber-100 text-amber-900 dark:bg-amber-950 dark:text-amber-200",
  revoked: "bg-slate-200 text-slate-700 dark:bg-slate-800 dark:text-slate-300",
};

function TokenRow({ token }: { token: TokenDTO }) {
  return (
    <tr className={token.status === "active" ? "" : "text-slate-500 dark:text-slate-400"}>
      <th scope="row" className="px-3 py-2 text-left font-medium">
        {token.name}
      </th>
      <td className="px-3 py-2">
        <code className="rounded bg-slate-100 px-1.5 py-0.5 text-xs dark:bg-slate-800">{token.prefix}…</code>
      </td>
      <td className="px-3 py-2">{token.scopes.join(", ")}</td>
      <td className="px-3 py-2">
        <When iso={token.created_at} empty="—" />
      </td>
      <td className="px-3 py-2">
        <When iso={token.last_used_at} empty="Never" />
      </td>
      <td className="px-3 py-2">
        <When iso={token.expires_at} empty="Never" />
      </td>
      <td className="px-3 py-2">
        <span className={`rounded px-1.5 py-0.5 text-xs font-medium ${STATUS_STYLE[token.status]}`}>
          {token.status === "revoked" && token.revoked_at ? (
            <>
              Revoked <When iso={token.revoked_at} empty="" />
            </>
          ) : token.status === "expired" ? (
            "Expired"
          ) : (
            "Active"
          )}
        </span>
      </td>
      <td className="px-3 py-2 text-right">{token.status === "revoked" ? null : <RevokeTokenButton tokenId={token.id} tokenName={token.name} />}</td>
    </tr>
  );
}

export default async function TokensPage() {
  const principal = await requirePrincipal("tokens:manage", "/settings/tokens");
  // The newest 200 are plenty for a person (at most 50 can be active); the API pages through the rest.
  const { items, next_cursor } = await listApiTokens(await getDb(), principal, { limit: 200 });

  return (
    <div className="flex flex-col gap-8">
      <header className="flex flex-col gap-2">
        <h1 className="text-2xl font-bold tracking-tight">API tokens</h1>
        <p className="max-w-prose text-sm text-slate-600 dark:text-slate-300">
          A token lets a script or another system call the Groundwork API as you, with at most your permissions and only the scopes you
          choose. Send it as <code className="text-xs">Authorization: Bearer &lt;token&gt;</code>. Revoke a token you no longer use.
        </p>
      </header>

      <section aria-labelledby="new-token" className="rounded-xl border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900">
        <h2 id="new-token" className="text-lg font-semibold">
          New token
        </h2>
        <CreateTokenForm canGrantAdmin={principal.role === "admin"} />
      </section>

      <section aria-labelledby="your-tokens" className="flex flex-col gap-3">
        <h2 id="your-tokens" className="text-lg font-semibold">
          Your tokens
        </h2>
        {items.length === 0 ? (
          <p className="rounded-xl border border-dashed border-slate-300 p-6 text-center text-sm text-slate-600 dark:border-slate-700 dark:text-slate-300">
            You have no API tokens yet. Create one above when a script or integration needs to call the API.
          </p>
        ) : (
          <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
            <table className="w-full text-sm">
              <caption className="sr-only">Your API tokens, newest first</caption>
              <thead className="border-b border-slate-200 text-left text-xs uppercase tracking-wide text-slate-500 dark:border-slate-800">
                <tr>
                  <th scope="col" className="px-3 py-2">Name</th>
                  <th scope="col" className="px-3 py-2">Prefix</th>
                  <th scope="col" className="px-3 py-2">Scopes</th>
                  <th scope="col" className="px-3 py-2">Created</th>
                  <th scope="col" className="px-3 py-2">Last used</th>
                  <th scope="col" className="px-3 py-2">Expires</th>
                  <th scope="col" className="px-3 py-2">State</th>
                  <th scope="col" className="px-3 py-2">
                    <span className="sr-only">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
                {items.map((token) => (
                  <TokenRow key={token.id} token={token} />
                ))}
              </tbody>
            </table>
          </div>
        )}
        {next_cursor !== null ? (
          <p className="text-sm text-slate-600 dark:text-slate-300">Only the newest {items.length} tokens are shown; the API lists the rest.</p>
        ) : null}
      </section>
    </div>
  );
}
