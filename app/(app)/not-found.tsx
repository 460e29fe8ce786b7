import Link from "next/link";
import { useTranslations } from "next-intl";
import { EmptyState } from "@/components/ui/empty-state";

// What a signed-in person sees for a page that does not exist or is not theirs to open.
export default function NotFound() {
  const t = useTranslations("notFound");
  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-2xl font-bold tracking-tight">{t("title")}</h1>
      <EmptyState
        title={t("title")}
        body={t("body")}
        action={
          <Link href="/onboarding" className="rounded-lg bg-emerald-700 px-3 py-2 text-sm font-semibold text-white hover:bg-emerald-800">
            {t("back")}
          </Link>
        }
      />
    </div>
  );
}
