// Task requests in the demo: two waiting for a manager, one approved (its help task created and
// done, so the help score has data) and one rejected with the manager's reason.
import { and, asc, eq, inArray } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { taskAssignee, taskRequest, taskRequestAssignee, tasks } from "../schema";
import { loadStatusIds } from "./demo-progress";
import type { StartedOnboarding } from "./demo-progress";

type RequestPlan = {
  by: string;
  ask: string;
  title: string;
  description: string;
  decision?: { by: string; approved: boolean; note: string };
  hoursAgo: number;
};

const PLANS: RequestPlan[] = [
  {
    by: "employee@demo.test",
    ask: "sarah.kim@demo.test",
    title: "Pair-programming session on the billing service",
    description: "I'm stuck on how invoices are generated for the starter ticket. Could Sarah pair with me for an hour?",
    hoursAgo: 20,
  },
  {
    by: "olivia.brown@demo.test",
    ask: "elena.petrova@demo.test",
    title: "Extra shadowing with Tier 2 support",
    description: "I'd like to shadow one more Tier 2 escalation before I answer tickets on my own.",
    hoursAgo: 6,
  },
  {
    by: "hannah.lindqvist@demo.test",
    ask: "sarah.kim@demo.test",
    title: "Help debugging my local Docker setup",
    description: "docker compose fails on the routing engine container with an out-of-memory error.",
    decision: { by: "manager@demo.test", approved: true, note: "Sarah knows that container best — go ahead." },
    hoursAgo: 200,
  },
  {
    by: "mateo.rossi@demo.test",
    ask: "elena.petrova@demo.test",
    title: "Join the enterprise customer kickoff call",
    description: "Could I join Elena's kickoff with the new enterprise customer on Thursday?",
    decision: {
      by: "sofia.martinez@demo.test",
      approved: false,
      note: "Let's wait until you have finished the product fundamentals milestone; I'll invite you to the next kickoff in two weeks.",
    },
    hoursAgo: 96,
  },
];

const HOUR = 3_600_000;

export async function seedTaskRequests(
  tx: DbOrTx,
  input: { onboardings: StartedOnboarding[]; userId: (email: string) => number; now: Date },
): Promise<string> {
  const status = await loadStatusIds(tx);
  const { onboardings, userId, now } = input;
  const projectIds = onboardings.map((o) => o.projectId);
  // The task each requester is working on now, so a request points at real work.
  const active = await tx
    .select({ id: tasks.id, projectId: tasks.projectId, entityId: tasks.entityId })
    .from(tasks)
    .where(and(inArray(tasks.projectId, projectIds), eq(tasks.statusId, status("task", "in_progress"))))
    .orderBy(asc(tasks.id));

  for (const plan of PLANS) {
    const onboarding = onboardings.find((o) => o.email === plan.by);
    if (!onboarding) throw new Error(`demo content: ${plan.by} has no onboarding`);
    const related = active.find((t) => t.projectId === onboarding.projectId);
    const createdAt = new Date(now.getTime() - plan.hoursAgo * HOUR);
    const decidedAt = plan.decision ? new Date(createdAt.getTime() + 3 * HOUR) : null;
    const requester = userId(plan.by);
    const helper = userId(plan.ask);

    let createdTaskId: number | null = null;
    if (plan.decision?.approved && decidedAt) {
      const doneAt = new Date(decidedAt.getTime() + 22 * HOUR);
      const [task] = await tx
        .insert(tasks)
        .values({
          name: plan.title,
          description: plan.description,
          statusId: status("task", "done"),
          createdAt: decidedAt,
          dueDate: new Date(decidedAt.getTime() + 48 * HOUR),
          projectId: onboarding.projectId,
          entityId: related?.entityId ?? null,
          expectedMinutes: 60,
          actualMinutes: 75,
          createdBy: userId(plan.decision.by),
          startedAt: new Date(doneAt.getTime() - 75 * 60_000),
          completedAt: doneAt,
          completedBy: helper,
        })
        .returning({ id: tasks.id });
      if (!task) throw new Error("inserting the help task returned no row");
      createdTaskId = task.id;
      await tx.insert(taskAssignee).values([
        { taskId: task.id, assigneeId: requester, role: "owner" },
        { taskId: task.id, assigneeId: helper, role: "helper" },
      ]);
    }

    const code = plan.decision ? (plan.decision.approved ? "approved" : "rejected") : "pending_approval";
    const [request] = await tx
      .insert(taskRequest)
      .values({
        statusId: status("task_request", code),
        approvalRequired: true,
        createdAt,
        createdBy: requester,
        title: plan.title,
        description: plan.description,
        entityId: related?.entityId ?? null,
        projectId: onboarding.projectId,
        relatedTaskId: related?.id ?? null,
        dueDate: new Date(createdAt.getTime() + 72 * HOUR),
        decidedBy: plan.decision ? userId(plan.decision.by) : null,
        decidedAt,
        decisionNote: plan.decision?.note ?? null,
        createdTaskId,
      })
      .returning({ id: taskRequest.id });
    if (!request) throw new Error("inserting the task request returned no row");
    await tx.insert(taskRequestAssignee).values({ taskRequestId: request.id, assigneeId: helper, createdAt });
  }
  const pending = PLANS.filter((p) => !p.decision).length;
  return `${PLANS.length} (${pending} pending approval, ${PLANS.length - pending} decided)`;
}
