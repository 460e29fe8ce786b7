import type { Metadata } from "next";
import { getFormatter, getTranslations } from "next-intl/server";
import { CreateTokenForm } from "@/components/tokens/create-token-form";
import { RevokeTokenButton } from "@/components/tokens/revoke-token-button";
import { getDb } from "@/db";
import { requirePrincipal } from "@/lib/auth/session";
import { listApiTokens, type TokenDTO, type TokenStatus } from "@/lib/auth/tokens";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("tokens"))("title") };
}

/** Header sent with every API call; the same in every language, so it stays out of the messages. */
const AUTHORIZATION_HEADER = "Authorization: Bearer <token>";

/** Dates read in the person's own language and time zone (the request config holds both). */
async function dateFormat(): Promise<(iso: string) => string> {
  const formatter = await getFormatter();
  return (iso) => formatter.dateTime(new Date(iso), { dateStyle: "medium", timeStyle: "short" });
}

async function When({ iso, empty }: { iso: string | null; empty: string }) {
  if (!iso) return <span className="text-slate-500 dark:text-slate-400">{empty}</span>;
  return <time dateTime={iso}>{(await dateFormat())(iso)}</time>;
}

const STATUS_STYLE: Record<TokenStatus, string> = {
  active: "bg-emerald-100 text-emerald-900 dark:bg-emerald-950 dark:text-emerald-200",
  expired: "bg-amber-100 text-amber-900 dark:bg-amber-950 dark:text-amber-200",
  revoked: "bg-slate-200 text-slate-700 dark:bg-slate-800 dark:text-slate-300",
};

async function TokenRow({ token }: { token: TokenDTO }) {
  const t = await getTranslations("tokens");
  const format = await dateFormat();
  return (
    <tr className={token.status === "active" ? "" : "text-slate-500 dark:text-slate-400"}>
      <th scope="row" className="px-3 py-2 text-left font-medium">
        {token.name}
      </th>
      <td className="px-3 py-2">
        <code className="rounded bg-slate-100 px-1.5 py-0.5 text-xs dark:bg-slate-800">{token.prefix}…</code>
      </td>
      <td className="px-3 py-2">{token.scopes.map((scope) => t(`form.scope.${scope}.label`)).join(", ")}</td>
      <td className="px-3 py-2">
        <When iso={token.created_at} empty="—" />
      </td>
      <td className="px-3 py-2">
        <When iso={token.last_used_at} empty={t("never")} />
      </td>
      <td className="px-3 py-2">
        <When iso={token.expires_at} empty={t("never")} />
      </td>
      <td className="px-3 py-2">
        <span className={`rounded px-1.5 py-0.5 text-xs font-medium ${STATUS_STYLE[token.status]}`}>
          {token.status === "revoked" && token.revoked_at
            ? t.rich("state.revokedOn", {
                date: format(token.revoked_at),
                when: (chunks) => <time dateTime={token.revoked_at ?? undefined}>{chunks}</time>,
              })
            : t(`state.${token.status}`)}
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
  const t = await getTranslations("tokens");

  return (
    <div className="flex flex-col gap-8">
      <header className="flex flex-col gap-2">
        <h1 className="text-2xl font-bold tracking-tight">{t("title")}</h1>
        <p className="max-w-prose text-sm text-slate-600 dark:text-slate-300">
          {t.rich("intro", { header: AUTHORIZATION_HEADER, code: (chunks) => <code className="text-xs">{chunks}</code> })}
        </p>
      </header>

      <section aria-labelledby="new-token" className="rounded-xl border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900">
        <h2 id="new-token" className="text-lg font-semibold">
          {t("newToken")}
        </h2>
        <CreateTokenForm canGrantAdmin={principal.role === "admin"} />
      </section>

      <section aria-labelledby="your-tokens" className="flex flex-col gap-3">
        <h2 id="your-tokens" className="text-lg font-semibold">
          {t("yours")}
        </h2>
        {items.length === 0 ? (
          <p className="rounded-xl border border-dashed border-slate-300 p-6 text-center text-sm text-slate-600 dark:border-slate-700 dark:text-slate-300">
            {t("empty")}
          </p>
        ) : (
          <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
            <table className="w-full text-sm">
              <caption className="sr-only">{t("caption")}</caption>
              <thead className="border-b border-slate-200 text-left text-xs uppercase tracking-wide text-slate-500 dark:border-slate-800">
                <tr>
                  <th scope="col" className="px-3 py-2">{t("columns.name")}</th>
                  <th scope="col" className="px-3 py-2">{t("columns.prefix")}</th>
                  <th scope="col" className="px-3 py-2">{t("columns.scopes")}</th>
                  <th scope="col" className="px-3 py-2">{t("columns.created")}</th>
                  <th scope="col" className="px-3 py-2">{t("columns.lastUsed")}</th>
                  <th scope="col" className="px-3 py-2">{t("columns.expires")}</th>
                  <th scope="col" className="px-3 py-2">{t("columns.state")}</th>
                  <th scope="col" className="px-3 py-2">
                    <span className="sr-only">{t("columns.actions")}</span>
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
        {next_cursor !== null ? <p className="text-sm text-slate-600 dark:text-slate-300">{t("truncated", { count: items.length })}</p> : null}
      </section>
    </div>
  );
}
