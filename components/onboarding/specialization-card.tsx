// The person's own specialization: their current level — the highest one unlocked — and each level
// on its own with what it unlocked with or what it still needs (lib/views/specialization.ts).
import { useTranslations } from "next-intl";
import { LevelList } from "@/components/specialization/level-list";
import type { SpecializationView } from "@/lib/views/specialization";

export function SpecializationCard({ standing }: { standing: SpecializationView }) {
  const t = useTranslations("specialization");
  return (
    <section aria-labelledby="specialization-heading" className="flex flex-col gap-3 rounded-2xl border border-slate-200 bg-white p-5 shadow-sm dark:border-slate-800 dark:bg-slate-900">
      <h2 id="specialization-heading" className="text-lg font-semibold">
        {t("title")}
      </h2>
      <p className="text-sm">
        {standing.current ? (
          <>
            {t("current")} <strong className="text-emerald-800 dark:text-emerald-300">{t(`level.${standing.current}`)}</strong>
          </>
        ) : (
          t("none")
        )}
      </p>
      <LevelList view={standing} />
    </section>
  );
}
