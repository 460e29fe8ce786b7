// "My onboarding" in one read: the person's own programs with their milestones and progress, the
// milestone they are in now with its tasks, their overdue and today's tasks, and their
// specialization level. Composed from the projects, tasks and specializations services, so every
// part keeps those services' scope.
import "server-only";
import type { DbOrTx } from "../../db/client";
import type { Principal } from "../auth/principal";
import { getMilestone, getProject, listProjects, type MilestoneDetailDto, type ProjectDetailDto } from "../projects/service";
import { getUserSpecializations } from "../specializations/service";
import { myDueWork, type MyDueWork } from "./my-work";
import { type SpecializationView, specializationView } from "./specialization";

export type OnboardingProgram = ProjectDetailDto & {
  /** The first milestone, in order, that is neither completed nor cancelled; null once all are. */
  current: MilestoneDetailDto | null;
};

export type OnboardingOverview = { programs: OnboardingProgram[]; due: MyDueWork; specialization: SpecializationView };

/** A person runs one program at a time, rarely a few; more than this is not an onboarding. */
const PROGRAM_LIMIT = 20;
const CLOSED = new Set(["completed", "cancelled"]);

export async function myOnboarding(db: DbOrTx, principal: Principal, params: { timeZone: string; now?: Date }): Promise<OnboardingOverview> {
  const page = await listProjects(db, principal, { onboardee_id: principal.userId, limit: PROGRAM_LIMIT });
  const programs: OnboardingProgram[] = [];
  for (const project of page.items) {
    const detail = await getProject(db, principal, { id: project.id });
    const open = detail.milestones.find((m) => !CLOSED.has(m.status ?? ""));
    programs.push({ ...detail, current: open ? await getMilestone(db, principal, { id: open.id }) : null });
  }
  // Running programs first, then the finished ones, newest first within each.
  programs.sort((a, b) => Number(a.completed_at !== null) - Number(b.completed_at !== null) || b.id - a.id);
  return {
    programs,
    due: await myDueWork(db, principal, params),
    specialization: specializationView(await getUserSpecializations(db, principal, { userId: principal.userId })),
  };
}
