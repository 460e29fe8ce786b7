// POST /api/onboarding/start: a user's onboarding program becomes their project — milestones,
// tasks, steps, checklists, assignees — in one audited transaction with its "project.started"
// event. Starting the same program again answers the project already running instead of a second one.
import "server-only";
import { and, eq, inArray, isNull, notInArray, or, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "../../db/client";
import { entities, projects, projectTemplates, users } from "../../db/schema";
import { ApiError, notFound } from "../api/errors";
import { authorize } from "../api/handler";
import { withAudit } from "../audit/context";
import { auditContextOf, type Principal } from "../auth/principal";
import { visibleUsers } from "../auth/scope";
import { instantiateProgram, ProgramInstantiationError } from "../programs/instantiate";
import { readProjectDetail } from "../projects/service";
import type { ProjectDetailDto } from "../projects/dto";
import { emitEvent } from "../realtime/outbox";
import { todayIn } from "../tasks/due-dates";
import { finalStatusIds } from "../tasks/status-filter";
import { chooseProgram } from "./program-choice";

export type StartOnboardingParams = { userId: number; projectTemplateId?: number };

export type StartOnboardingResult = { created: boolean; project: ProjectDetailDto };

export async function startOnboarding(db: Db, principal: Principal, params: StartOnboardingParams): Promise<StartOnboardingResult> {
  authorize(principal, "onboarding:start");
  return withAudit(db, auditContextOf(principal), async (tx) => {
    const user = await loadOnboardee(tx, principal, params.userId);
    const program = await chooseProgram(tx, principal, user, params.projectTemplateId);

    // Two concurrent starts of one program for one user queue here; the second then finds the
    // first's project. The lock is transaction-scoped, so it also covers an Idempotency-Key transaction.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`onboarding.start:${user.id}:${program.lineageId}`}))`);
    const running = await openProjectOf(tx, user.id, program.lineageId);
    if (running !== null) return { created: false, project: await readProjectDetail(tx, principal, running) };

    const { projectId, milestoneIds, taskIds } = await instantiateProgram(tx, {
      projectTemplateId: program.id,
      onboardeeId: user.id,
      createdBy: principal.userId,
      // Today where the onboardee works; a weekend start moves to the Monday after.
      startDate: todayIn(user.timeZone),
    }).catch((err: unknown) => {
      throw err instanceof ProgramInstantiationError ? refusalOf(err) : err;
    });
    await emitEvent(tx, {
      type: "project.started",
      entityId: user.entityId,
      userId: user.id,
      projectId,
      actorId: principal.userId,
      payload: { project_id: projectId, project_template_id: program.id, milestones: milestoneIds.length, tasks: taskIds.length },
    });
    return { created: true, project: await readProjectDetail(tx, principal, projectId) };
  });
}

async function loadOnboardee(db: DbOrTx, principal: Principal, userId: number) {
  const [row] = await db
    .select({
      id: users.id,
      isActive: users.isActive,
      professionId: users.professionId,
      entityId: users.entityId,
      entityPath: entities.path,
      timeZone: sql<string>`coalesce(${users.timeZone}, ${entities.timeZone})`,
    })
    .from(users)
    .innerJoin(entities, eq(entities.id, users.entityId))
    .where(and(eq(users.id, userId), visibleUsers(principal)))
    .limit(1);
  if (!row) throw notFound("user");
  if (!row.isActive) throw invalid("user_id", `User ${userId} is deactivated; reactivate them before starting their onboarding.`);
  return row;
}

/** The user's project of this program lineage that is not completed or cancelled, if any. */
async function openProjectOf(db: DbOrTx, userId: number, lineageId: number): Promise<number | null> {
  const finals = await finalStatusIds(db, "project");
  const [row] = await db
    .select({ id: projects.id })
    .from(projects)
    .where(
      and(
        eq(projects.onboardeeId, userId),
        inArray(
          projects.projectTemplateId,
          db
            .select({ id: projectTemplates.id })
            .from(projectTemplates)
            .where(sql`coalesce(${projectTemplates.lineageId}, ${projectTemplates.id}) = ${lineageId}`),
        ),
        or(isNull(projects.statusId), notInArray(projects.statusId, finals)),
      ),
    )
    .orderBy(projects.id)
    .limit(1);
  return row?.id ?? null;
}

function refusalOf(err: ProgramInstantiationError): ApiError {
  switch (err.code) {
    case "template_not_found":
      return notFound("program template");
    case "onboardee_not_found":
      return notFound("user");
    case "template_is_draft":
    case "template_invalid":
      return invalid("project_template_id", err.message);
    case "onboardee_inactive":
      return invalid("user_id", err.message);
  }
}

function invalid(path: string, message: string): ApiError {
  return new ApiError("validation_failed", message, { issues: [{ path, message }] });
}
