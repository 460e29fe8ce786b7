// "What should I do today?": the open tasks a person works on (as owner or helper) that are due by
// the end of their day, earliest first. Scoped like every task read (lib/tasks/scope.ts) and then
// narrowed to the principal's own assignments.
import "server-only";
import { and, asc, isNotNull, lte, sql } from "drizzle-orm";
import type { DbOrTx } from "../../db/client";
import { statuses, taskAssignee, tasks } from "../../db/schema";
import { authorize } from "../api/handler";
import type { Principal } from "../auth/principal";
import { endOfDayInZone } from "../programs/working-days";
import { type TaskDto, toTaskDtos } from "../tasks/dto";
import { todayIn } from "../tasks/due-dates";
import { visibleTasks } from "../tasks/scope";

export type MyDueWork = { overdue: TaskDto[]; dueToday: TaskDto[]; endOfToday: string };

/** How many due tasks a glance shows at most; the board lists the rest. */
const DUE_LIMIT = 50;

export async function myDueWork(db: DbOrTx, principal: Principal, params: { timeZone: string; now?: Date }): Promise<MyDueWork> {
  authorize(principal, "tasks:read");
  const now = params.now ?? new Date();
  const endOfToday = endOfDayInZone(todayIn(params.timeZone, now), params.timeZone);
  const rows = await db
    .select()
    .from(tasks)
    .where(
      and(
        visibleTasks(principal),
        sql`exists (select 1 from ${taskAssignee} where ${taskAssignee.taskId} = ${tasks.id} and ${taskAssignee.assigneeId} = ${principal.userId} and ${taskAssignee.role} in ('owner', 'helper'))`,
        sql`not exists (select 1 from ${statuses} where ${statuses.id} = ${tasks.statusId} and ${statuses.isFinal})`,
        isNotNull(tasks.dueDate),
        lte(tasks.dueDate, endOfToday),
      ),
    )
    .orderBy(asc(tasks.dueDate), asc(tasks.id))
    .limit(DUE_LIMIT);
  const dtos = await toTaskDtos(db, rows, now);
  return { overdue: dtos.filter((t) => t.overdue), dueToday: dtos.filter((t) => !t.overdue), endOfToday: endOfToday.toISOString() };
}
