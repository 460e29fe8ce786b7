// What a report covers and who reads it. A report's scope resolves to a set of users (a bare
// SELECT of user ids, for `id in (...)`) that never leaves the caller's entity scope: a scope row
// the caller cannot see is answered 404, and members outside their view are simply not counted.
import "server-only";
import { and, eq, type SQL, sql } from "drizzle-orm";
import type { DbOrTx } from "../../db/client";
import { entities, professions, projects, projectTemplates, type ReportScope, reports, users } from "../../db/schema";
import { notFound } from "../api/errors";
import type { Principal } from "../auth/principal";
import { inEntitySubtree, visibleEntities, visibleUsers } from "../auth/scope";
import { visibleProfessions } from "../entities/professions";
import { visibleTemplates } from "../templates/access";

export type ResolvedScope = {
  type: ReportScope;
  id: number;
  name: string;
  /** The entity the stored report belongs to: readers must see it (or have created the report). */
  homeEntityId: number;
  /** The entity whose score weights blend the scope's aggregate progress. */
  weightsEntityId: number;
  /** `select users.id from users where …`: the scope's members the caller may see. */
  users: SQL;
  /** Program template scope: the template lineage whose projects the analytics read. */
  lineageId: number | null;
};

const membersWhere = (principal: Principal, condition: SQL): SQL =>
  sql`select ${users.id} from ${users} where ${condition} and ${visibleUsers(principal)}`;

/** Projects of one template lineage (every revision), as `project_template_id in (...)`. */
export const lineageTemplateIds = (lineageId: number): SQL =>
  sql`select ${projectTemplates.id} from ${projectTemplates} where ${projectTemplates.lineageId} = ${lineageId} or ${projectTemplates.id} = ${lineageId}`;

export async function resolveReportScope(db: DbOrTx, principal: Principal, scope: { type: ReportScope; id: number }): Promise<ResolvedScope> {
  switch (scope.type) {
    case "user": {
      const [user] = await db
        .select({ id: users.id, name: users.name, entityId: users.entityId })
        .from(users)
        .where(and(eq(users.id, scope.id), visibleUsers(principal)))
        .limit(1);
      if (!user) throw notFound("user");
      return {
        ...scope,
        name: user.name,
        homeEntityId: user.entityId,
        weightsEntityId: user.entityId,
        users: membersWhere(principal, sql`${users.id} = ${user.id}`),
        lineageId: null,
      };
    }
    case "team": {
      const [manager] = await db
        .select({ id: users.id, name: users.name, entityId: users.entityId })
        .from(users)
        .where(and(eq(users.id, scope.id), visibleUsers(principal)))
        .limit(1);
      if (!manager) throw notFound("user");
      // Direct reports may sit in other entities; only those the caller sees are counted, and the
      // report is filed under the caller's entity, whose readers see at least as much.
      return {
        ...scope,
        name: manager.name,
        homeEntityId: principal.entityId,
        weightsEntityId: manager.entityId,
        users: membersWhere(principal, sql`${users.managerId} = ${manager.id}`),
        lineageId: null,
      };
    }
    case "entity": {
      const [entity] = await db
        .select({ id: entities.id, name: entities.name, path: entities.path })
        .from(entities)
        .where(and(eq(entities.id, scope.id), visibleEntities(principal)))
        .limit(1);
      if (!entity) throw notFound("entity");
      const subtree = sql`select ${entities.id} from ${entities} where ${entities.path} like ${`${entity.path}%`}`;
      return {
        ...scope,
        name: entity.name,
        homeEntityId: entity.id,
        weightsEntityId: entity.id,
        users: membersWhere(principal, sql`${users.entityId} in (${subtree})`),
        lineageId: null,
      };
    }
    case "profession": {
      const [profession] = await db
        .select({ id: professions.id, name: professions.name })
        .from(professions)
        .where(and(eq(professions.id, scope.id), visibleProfessions(principal)))
        .limit(1);
      if (!profession) throw notFound("profession");
      return {
        ...scope,
        name: profession.name,
        homeEntityId: principal.entityId,
        weightsEntityId: principal.entityId,
        users: membersWhere(principal, sql`${users.professionId} = ${profession.id}`),
        lineageId: null,
      };
    }
    case "project_template": {
      const [template] = await db
        .select({ name: projectTemplates.name, lineageId: sql<number>`coalesce(${projectTemplates.lineageId}, ${projectTemplates.id})`.mapWith(Number) })
        .from(projectTemplates)
        .where(and(eq(projectTemplates.id, scope.id), visibleTemplates(principal, projectTemplates.entityId)))
        .limit(1);
      if (!template) throw notFound("program template");
      const onboardees = sql`select ${projects.onboardeeId} from ${projects} where ${projects.projectTemplateId} in (${lineageTemplateIds(template.lineageId)})`;
      return {
        ...scope,
        name: template.name,
        homeEntityId: principal.entityId,
        weightsEntityId: principal.entityId,
        users: membersWhere(principal, sql`${users.id} in (${onboardees})`),
        lineageId: template.lineageId,
      };
    }
  }
}

/** Reports the principal may read: those filed in their entity subtree, and their own. */
export function visibleReports(principal: Principal): SQL {
  return sql`(${inEntitySubtree(principal, reports.entityId)} or ${reports.createdBy} = ${principal.userId})`;
}
