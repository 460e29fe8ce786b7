"use client";
// Where a guide is attached: programs, milestones, tasks and steps (templates of the admin's part
// of the organisation) and checklist items of running work. Checklist items of a template get
// their guide in the step editor, as part of the step's definition.
import { useMutation, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { type ApiProblem, apiFetch } from "@/components/query/api";
import { Badge, Button, Select, TextInput } from "@/components/admin/templates/controls";
import { queryKeys } from "@/components/query/query-keys";
import { ProblemMessage } from "@/components/ui/problem-message";
import type { GuideableType } from "@/db/schema/guides";
import type { TemplateBaseDto } from "@/lib/templates/dto";
import type { NamedGuideLink } from "@/lib/views/admin/guides";

const TEMPLATE_TYPES = ["project_template", "milestone_template", "task_template", "step_template"] as const;
type TemplateType = (typeof TEMPLATE_TYPES)[number];
const COLLECTION: Record<TemplateType, string> = {
  project_template: "/api/project-templates",
  milestone_template: "/api/milestone-templates",
  task_template: "/api/task-templates",
  step_template: "/api/step-templates",
};

type LinkGroup = { key: string; type: GuideableType; label: string; revision: number | null; is_draft: boolean | null; ids: number[] };

/** One row per template; the items of running checklists made from one template item share a row. */
function groupLinks(links: NamedGuideLink[]): LinkGroup[] {
  const groups = new Map<string, LinkGroup>();
  for (const link of links) {
    const key = link.guideable_type === "checklist_item" ? `checklist_item:${link.label}` : `${link.guideable_type}:${link.guideable_id}`;
    const group = groups.get(key);
    if (group) group.ids.push(link.guideable_id);
    else groups.set(key, { key, type: link.guideable_type, label: link.label, revision: link.revision, is_draft: link.is_draft, ids: [link.guideable_id] });
  }
  return [...groups.values()];
}

export function GuideLinks({ guideId, links }: { guideId: number; links: NamedGuideLink[] }) {
  const t = useTranslations("adminGuides.links");
  const router = useRouter();
  const [type, setType] = useState<GuideableType>("project_template");
  const [target, setTarget] = useState("");
  const templates = useQuery({
    queryKey: queryKeys.templates.list(type, { limit: 100, for: "guide-links" }),
    queryFn: ({ signal }) => apiFetch<{ items: TemplateBaseDto[] }>(`${COLLECTION[type as TemplateType]}?limit=100`, { signal }),
    enabled: type !== "checklist_item",
  });
  const change = useMutation<unknown, ApiProblem, { method: "POST" | "DELETE"; guideable_type: GuideableType; ids: number[] }>({
    mutationFn: async ({ method, guideable_type, ids }) => {
      // One link per request, as the links route takes them.
      for (const guideable_id of ids) await apiFetch(`/api/guides/${guideId}/links`, { method, body: { guideable_type, guideable_id } });
    },
    onSuccess: () => {
      setTarget("");
      router.refresh();
    },
  });
  const options = (templates.data?.items ?? []).map((x) => ({ value: String(x.id), label: `${x.name} · ${t(x.is_draft ? "draft" : "revision", { revision: x.revision })}` }));

  function add(event: React.SyntheticEvent) {
    event.preventDefault();
    const id = Number(target);
    if (Number.isInteger(id) && id > 0) change.mutate({ method: "POST", guideable_type: type, ids: [id] });
  }

  return (
    <section aria-labelledby="guide-links-heading" className="flex flex-col gap-3 rounded-2xl border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900">
      <h2 id="guide-links-heading" className="text-lg font-semibold">
        {t("title")}
      </h2>
      <p className="text-sm text-slate-600 dark:text-slate-400">{t("explain")}</p>
      {links.length === 0 ? <p className="text-sm text-slate-600 dark:text-slate-400">{t("none")}</p> : null}
      <ul className="flex flex-col gap-2">
        {groupLinks(links).map((group) => (
          <li key={group.key} className="flex flex-wrap items-center gap-2 rounded-lg border border-slate-200 px-3 py-2 text-sm dark:border-slate-700">
            <Badge>{t(`types.${group.type}`)}</Badge>
            {group.type === "project_template" ? (
              <Link href={`/admin/templates/${group.ids[0] ?? 0}`} className="font-medium text-emerald-800 hover:underline dark:text-emerald-300">
                {group.label}
              </Link>
            ) : (
              <span className="font-medium">{group.label}</span>
            )}
            {group.revision !== null ? <span className="text-xs text-slate-600 dark:text-slate-400">{t(group.is_draft ? "draft" : "revision", { revision: group.revision })}</span> : null}
            {group.type === "checklist_item" ? <span className="text-xs text-slate-600 dark:text-slate-400">{t("items", { count: group.ids.length })}</span> : null}
            <span className="ml-auto">
              <Button size="sm" look="danger" onClick={() => change.mutate({ method: "DELETE", guideable_type: group.type, ids: group.ids })} aria-label={t("removeLabel", { name: group.label })}>
                {t("remove")}
              </Button>
            </span>
          </li>
        ))}
      </ul>
      <form onSubmit={add} aria-label={t("addLabel")} className="flex flex-wrap items-end gap-2">
        <Select
          className="w-52"
          label={t("type")}
          value={type}
          onChange={(v) => {
            setType(v as GuideableType);
            setTarget("");
          }}
          options={[...TEMPLATE_TYPES, "checklist_item" as const].map((x) => ({ value: x, label: t(`types.${x}`) }))}
        />
        {type === "checklist_item" ? (
          <TextInput className="w-52" type="number" min={1} label={t("itemId")} hint={t("itemHint")} value={target} onChange={setTarget} />
        ) : (
          <Select className="min-w-56 flex-1" label={t("target")} value={target} onChange={setTarget} options={[{ value: "", label: templates.isPending ? t("loading") : t("choose") }, ...options]} />
        )}
        <Button type="submit" look="primary" pending={change.isPending} disabled={target === ""}>
          {t("add")}
        </Button>
      </form>
      <ProblemMessage problem={change.error ?? (templates.error as ApiProblem | null)} />
    </section>
  );
}
