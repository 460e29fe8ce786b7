import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { Breadcrumb } from "@/components/ui/breadcrumb";
import { GuideLinks } from "@/components/admin/guides/guide-links";
import { GuideSettings } from "@/components/admin/guides/guide-settings";
import { TranslationTabs } from "@/components/admin/guides/translation-tabs";
import { Badge } from "@/components/admin/templates/controls";
import { getViewer } from "@/i18n/viewer";
import { assertGuideVisible, loadGuidePage } from "./load";

type Params = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  return { title: (await assertGuideVisible((await params).id)).name };
}

export default async function GuidePage({ params }: Params) {
  const { guide, translations, links, languages } = await loadGuidePage((await params).id);
  const { locale } = await getViewer();
  const t = await getTranslations("adminGuides.editor");
  const f = await getTranslations("guides.format");
  return (
    <div className="flex flex-col gap-5">
      <Breadcrumb label={t("breadcrumb")} trail={[{ href: "/admin/guides", label: t("backToList") }]} />
      <header className="flex flex-col gap-2">
        <div className="flex flex-wrap items-center gap-2">
          <h1 className="text-2xl font-bold tracking-tight sm:text-3xl">{guide.name}</h1>
          <Badge tone="sky">{f(guide.format)}</Badge>
          {guide.is_published ? <Badge tone="emerald">{t("published")}</Badge> : <Badge tone="amber">{t("draft")}</Badge>}
        </div>
        <p className="text-sm text-slate-600 dark:text-slate-400">{t("summary", { version: guide.version, count: translations.length })}</p>
        {guide.editable ? null : <p className="text-sm text-slate-700 dark:text-slate-300">{t("readOnly")}</p>}
      </header>
      {guide.editable ? (
        <>
          <GuideSettings key={guide.version} guide={guide} />
          <TranslationTabs guideId={guide.id} format={guide.format} translations={translations} languages={languages} preferred={locale} />
          <GuideLinks guideId={guide.id} links={links} />
        </>
      ) : (
        <GuideLinks guideId={guide.id} links={links} />
      )}
    </div>
  );
}
