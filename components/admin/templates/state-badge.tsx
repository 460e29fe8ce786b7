"use client";
// Where a template stands: a draft (editable), or a published revision (frozen). Rows deep in the
// tree use the compact form, so their names keep the room.
import { useTranslations } from "next-intl";
import { Badge } from "./controls";

export function StateBadge({ node, compact = false }: { node: { is_draft: boolean; revision: number }; compact?: boolean }) {
  const t = useTranslations("adminTemplates.state");
  const key = node.is_draft ? (compact ? "draftShort" : "draft") : compact ? "publishedShort" : "published";
  return <Badge tone={node.is_draft ? "amber" : "emerald"}>{t(key, { revision: node.revision })}</Badge>;
}
