// What the guide editor reads: the guide, every translation, and where it is linked, each link
// named so an admin recognises it (a template by its name and revision, a checklist item by its
// task and title). Composed from the guides services; the names are read within the same scope
// the links were already filtered by.
import "server-only";
import { and, eq, inArray } from "drizzle-orm";
import type { DbOrTx } from "../../../db/client";
import { checklistItems, checklists, type GuideableType, milestoneTemplates, projectTemplates, stepTemplates, tasks, taskTemplates } from "../../../db/schema";
import type { Principal } from "../../auth/principal";
import { visibleTemplates } from "../../auth/scope";
import type { GuideDto, TranslationDto } from "../../guides/dto";
import { type LanguageDto, listLanguages } from "../../guides/languages";
import { type GuideLinkDto, listGuideLinks } from "../../guides/links";
import { getGuide } from "../../guides/service";
import { listTranslations } from "../../guides/translations";

export type NamedGuideLink = GuideLinkDto & { label: string; revision: number | null; is_draft: boolean | null };

export type GuideEditor = { guide: GuideDto; translations: TranslationDto[]; links: NamedGuideLink[]; languages: LanguageDto[] };

const TEMPLATE_TABLES = {
  project_template: projectTemplates,
  milestone_template: milestoneTemplates,
  task_template: taskTemplates,
  step_template: stepTemplates,
} as const;

export async function guideEditor(db: DbOrTx, principal: Principal, params: { id: number }): Promise<GuideEditor> {
  const guide = await getGuide(db, principal, { id: params.id });
  const translations = (await listTranslations(db, principal, params)).items;
  const links = (await listGuideLinks(db, principal, params)).items;
  return { guide, translations, links: await nameLinks(db, principal, links), languages: await listLanguages(db) };
}

type Name = { label: string; revision: number | null; is_draft: boolean | null };

async function nameLinks(db: DbOrTx, principal: Principal, links: GuideLinkDto[]): Promise<NamedGuideLink[]> {
  const names = new Map<string, Name>();
  for (const type of Object.keys(TEMPLATE_TABLES) as (keyof typeof TEMPLATE_TABLES)[]) {
    const ids = links.filter((l) => l.guideable_type === type).map((l) => l.guideable_id);
    if (!ids.length) continue;
    const t = TEMPLATE_TABLES[type];
    const rows = await db
      .select({ id: t.id, name: t.name, revision: t.revision, isDraft: t.isDraft })
      .from(t)
      .where(and(inArray(t.id, ids), visibleTemplates(principal, t.entityId)));
    for (const r of rows) names.set(`${type}:${r.id}`, { label: r.name, revision: r.revision, is_draft: r.isDraft });
  }
  // listGuideLinks already kept only the checklist items the principal may read.
  const itemIds = links.filter((l) => l.guideable_type === "checklist_item").map((l) => l.guideable_id);
  if (itemIds.length) {
    const rows = await db
      .select({ id: checklistItems.id, title: checklistItems.title, task: tasks.name })
      .from(checklistItems)
      .innerJoin(checklists, eq(checklists.id, checklistItems.checklistId))
      .leftJoin(tasks, eq(tasks.id, checklists.taskId))
      .where(inArray(checklistItems.id, itemIds));
    for (const r of rows) names.set(`checklist_item:${r.id}`, { label: r.task ? `${r.task} › ${r.title}` : r.title, revision: null, is_draft: null });
  }
  return links.map((link) => ({ ...link, ...(names.get(keyOf(link.guideable_type, link.guideable_id)) ?? { label: `#${link.guideable_id}`, revision: null, is_draft: null }) }));
}

const keyOf = (type: GuideableType, id: number) => `${type}:${id}`;
