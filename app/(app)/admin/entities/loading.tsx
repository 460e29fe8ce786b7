import { useTranslations } from "next-intl";
import { TableSkeleton } from "@/components/admin/skeletons";

export default function Loading() {
  const t = useTranslations("organisation");
  return <TableSkeleton label={t("loading")} />;
}
