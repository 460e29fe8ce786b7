"use client";
// Where a template stands: a draft (editable), or a published revision (frozen).
import { useTranslations } from "next-intl";
import { Badge } from "./controls";

export function StateBadge({ node }: { node: { is_draft: boolean; revision: number } }) {
  const t = useTranslations("adminTemplates.state");
  return node.is_draft ? <Badge tone="amber">{t("draft", { revision: node.revision })}</Badge> : <Badge tone="emerald">{t("published", { revision: node.revision })}</Badge>;
}
