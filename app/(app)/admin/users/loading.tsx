import { useTranslations } from "next-intl";
import { TableSkeleton } from "@/components/admin/skeletons";

export default function Loading() {
  const t = useTranslations("people");
  return <TableSkeleton label={t("loading")} />;
}
