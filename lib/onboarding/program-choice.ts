// Which program an onboarding starts: the one named, or by default the published program of the
// user's profession — the latest published revision of its lineage, the most specific one for the
// user's place in the organisation (their own department's before the company's before a shared one).
import "server-only";
import { and, desc, eq, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { DbOrTx } from "../../db/client";
import { entities, projectTemplates } from "../../db/schema";
import { ApiError, notFound } from "../api/errors";
import type { Principal } from "../auth/principal";
import { visibleTemplates } from "../auth/scope";

export type ChosenProgram = { id: number; lineageId: number; name: string };

export type Onboardee = { id: number; professionId: number | null; entityPath: string };

export async function chooseProgram(db: DbOrTx, principal: Principal, user: Onboardee, templateId: number | undefined): Promise<ChosenProgram> {
  return templateId === undefined ? defaultProgram(db, principal, user) : namedProgram(db, principal, templateId);
}

const columns = {
  id: projectTemplates.id,
  lineageId: sql<number>`coalesce(${projectTemplates.lineageId}, ${projectTemplates.id})`.mapWith(Number),
  name: projectTemplates.name,
  isDraft: projectTemplates.isDraft,
};

async function namedProgram(db: DbOrTx, principal: Principal, templateId: number): Promise<ChosenProgram> {
  const [row] = await db
    .select(columns)
    .from(projectTemplates)
    .where(and(eq(projectTemplates.id, templateId), visibleTemplates(principal, projectTemplates.entityId)))
    .limit(1);
  if (!row) throw notFound("program template");
  if (row.isDraft) throw invalid(`The program "${row.name}" is a draft; publish it before starting onboardings with it.`);
  return { id: row.id, lineageId: row.lineageId, name: row.name };
}

async function defaultProgram(db: DbOrTx, principal: Principal, user: Onboardee): Promise<ChosenProgram> {
  if (user.professionId === null) {
    throw invalid(`User ${user.id} has no profession, so no default program applies; name project_template_id or set their profession.`);
  }
  const owner = alias(entities, "owner");
  const [row] = await db
    .select(columns)
    .from(projectTemplates)
    .leftJoin(owner, eq(owner.id, projectTemplates.entityId))
    .where(
      and(
        eq(projectTemplates.professionId, user.professionId),
        eq(projectTemplates.isDraft, false),
        visibleTemplates(principal, projectTemplates.entityId),
        // Only programs meant for where the user sits: shared, or owned by their entity or one above it.
        sql`(${projectTemplates.entityId} is null or ${user.entityPath} like ${owner.path} || '%')`,
        // The newest published revision of each lineage; older ones stay only for running projects.
        sql`not exists (select 1 from ${projectTemplates} newer where coalesce(newer.lineage_id, newer.id) = coalesce(${projectTemplates.lineageId}, ${projectTemplates.id})
          and newer.is_draft = false and newer.revision > ${projectTemplates.revision})`,
      ),
    )
    .orderBy(sql`length(${owner.path}) desc nulls last`, sql`${projectTemplates.publishedAt} desc nulls last`, desc(projectTemplates.id))
    .limit(1);
  if (!row) {
    throw invalid(`No published program exists for the profession of user ${user.id}; publish one or name project_template_id.`);
  }
  return { id: row.id, lineageId: row.lineageId, name: row.name };
}

function invalid(message: string): ApiError {
  return new ApiError("validation_failed", message, { issues: [{ path: "project_template_id", message }] });
}
