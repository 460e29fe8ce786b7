// The guides an admin sees: their part of the organisation's drafts and published guides, the
// organisation's published ones and the global ones, titled in the admin's language.
import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { Badge } from "@/components/admin/templates/controls";
import { formatInstant } from "@/components/ui/format";
import type { GuideSummaryDto } from "@/lib/guides/dto";

export function GuideList({ guides }: { guides: GuideSummaryDto[] }) {
  const t = useTranslations("adminGuides.list");
  const f = useTranslations("guides.format");
  const format = useFormatter();
  return (
    <ul className="flex flex-col gap-2" aria-label={t("label")}>
      {guides.map((guide) => (
        <li key={guide.id} className="flex flex-col gap-1 rounded-xl border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900">
          <div className="flex flex-wrap items-center gap-2">
            <Link href={`/admin/guides/${guide.id}`} className="font-semibold text-emerald-800 hover:underline dark:text-emerald-300">
              {guide.title}
            </Link>
            <Badge tone="sky">{f(guide.format)}</Badge>
            {guide.is_published ? <Badge tone="emerald">{t("published")}</Badge> : <Badge tone="amber">{t("draft")}</Badge>}
            {guide.entity_id === null ? <Badge>{t("global")}</Badge> : null}
          </div>
          <p className="flex flex-wrap gap-x-3 gap-y-1 text-xs text-slate-600 dark:text-slate-400">
            {guide.title !== guide.name ? <span>{t("name", { name: guide.name })}</span> : null}
            <span>{t("languages", { codes: guide.available_languages.join(", ") || "—" })}</span>
            <span>{t("updated", { date: formatInstant(format, guide.updated_at, { dateStyle: "medium" }) })}</span>
          </p>
        </li>
      ))}
    </ul>
  );
}
