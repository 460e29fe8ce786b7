// What the report form offers for each scope type: the rows the reports service would resolve for
// the reader (lib/reports/scope.ts) — people and managers they see, entities of their subtree, their
// organisation's professions, published programs they may read — so a choice is never refused as
// unknown. Ids and names only.
import "server-only";
import { and, asc, desc, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "../../../db/client";
import { entities, professions, projectTemplates, type ReportScope, users } from "../../../db/schema";
import { authorize } from "../../api/handler";
import type { Principal } from "../../auth/principal";
import { visibleEntities, visibleTemplates, visibleUsers } from "../../auth/scope";
import { visibleProfessions } from "../../entities/professions";

export type ScopeOption = { id: number; label: string; depth?: number };
export type ReportScopeOptions = Record<ReportScope, ScopeOption[]>;

/** A picker, not a directory: a larger organisation narrows by entity or team instead. */
export const SCOPE_OPTION_LIMIT = 500;

export async function reportScopeOptions(db: DbOrTx, principal: Principal): Promise<ReportScopeOptions> {
  authorize(principal, "reports:write");
  const people = await db
    .select({ id: users.id, name: users.name, role: users.role })
    .from(users)
    .where(and(eq(users.isActive, true), visibleUsers(principal)))
    .orderBy(asc(users.name), asc(users.id))
    .limit(SCOPE_OPTION_LIMIT);
  const tree = await db
    .select({ id: entities.id, name: entities.name, path: entities.path })
    .from(entities)
    .where(and(eq(entities.isActive, true), visibleEntities(principal)))
    .orderBy(asc(entities.path))
    .limit(SCOPE_OPTION_LIMIT);
  const jobs = await db
    .select({ id: professions.id, name: professions.name })
    .from(professions)
    .where(and(eq(professions.isActive, true), visibleProfessions(principal)))
    .orderBy(asc(professions.name), asc(professions.id))
    .limit(SCOPE_OPTION_LIMIT);
  // One entry per program: its newest published revision (a report covers every revision anyway).
  const programs = await db
    .selectDistinctOn([sql`coalesce(${projectTemplates.lineageId}, ${projectTemplates.id})`], { id: projectTemplates.id, name: projectTemplates.name })
    .from(projectTemplates)
    .where(and(eq(projectTemplates.isDraft, false), visibleTemplates(principal, projectTemplates.entityId)))
    .orderBy(sql`coalesce(${projectTemplates.lineageId}, ${projectTemplates.id})`, desc(projectTemplates.id))
    .limit(SCOPE_OPTION_LIMIT);

  const top = Math.min(...tree.map((e) => depthOf(e.path)));
  const leads = people.filter((p) => p.role !== "employee");
  // The reader's own team first: the report most managers want.
  leads.sort((a, b) => Number(b.id === principal.userId) - Number(a.id === principal.userId));
  return {
    team: leads.map((p) => ({ id: p.id, label: p.name })),
    user: people.map((p) => ({ id: p.id, label: p.name })),
    entity: tree.map((e) => ({ id: e.id, label: e.name, depth: depthOf(e.path) - top })),
    profession: jobs.map((p) => ({ id: p.id, label: p.name })),
    project_template: programs.map((p) => ({ id: p.id, label: p.name })).sort((a, b) => a.label.localeCompare(b.label)),
  };
}

/** "/1/4/9/" lies two below "/1/". */
const depthOf = (path: string) => path.split("/").length - 3;
