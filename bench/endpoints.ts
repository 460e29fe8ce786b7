// The seven endpoints under load, as both servers answer them: who asks, for which rows, and the
// targets the app must meet. Reads cycle through many people; writes take a fresh row per request.
import { employeesOf, evaluationRows, hireRows, interleave, type Person, progressRows, retireHires, type Side, type World } from "./fixtures";
import type { BenchRequest, RequestSource } from "./load";
import type { Targets } from "./report";

export type Endpoint = {
  name: string;
  title: string;
  targets: Targets;
  /** Writes consume rows: the most requests per second a side is prepared for (reads: none, they repeat). */
  maxRate?: number;
  /** Requests for one side; `count` is how many a write side may need at most. */
  source: (world: World, side: Side, count: number) => Promise<RequestSource>;
  /** Undoes what the fixtures changed outside the rows the requests wrote. */
  cleanup?: (world: World) => Promise<void>;
};

/** Dashboards and lists: p95 within 50 ms at 10 000 employees. */
const LIST_P95_MS = 50;

/** Endless requests, one list entry after the other. */
function cycle<T>(items: T[], toRequest: (item: T) => BenchRequest): RequestSource {
  if (items.length === 0) throw new Error("no rows to build requests from");
  let i = 0;
  return () => toRequest(items[i++ % items.length] as T);
}

/** Each row once; null afterwards. */
function once<T>(items: T[], toRequest: (item: T) => BenchRequest): RequestSource {
  let i = 0;
  return () => (i < items.length ? toRequest(items[i++] as T) : null);
}

const byId = (people: Person[]) => new Map(people.map((p) => [p.id, p]));

function tokenOf(people: Map<number, Person>, id: number): string {
  const person = people.get(id);
  if (!person) throw new Error(`no token for user ${id}`);
  return person.token();
}

/** Reads first, then the writes, the program starts (which add the most rows) last. */
export const ENDPOINTS: Endpoint[] = [
  {
    name: "my-tasks",
    title: "My tasks (GET /api/tasks?limit=100, employee)",
    targets: { p95Max: LIST_P95_MS },
    source: (world) => Promise.resolve(cycle(world.employees, (p) => ({ method: "GET", path: "/api/tasks?limit=100", token: p.token() }))),
  },
  {
    name: "task-detail",
    title: "Task detail (GET /api/tasks/:id, owner)",
    targets: {},
    source: async (world) => {
      // One task per employee, spread over their program by a hash of the id.
      const { rows } = await world.pool.query<{ user_id: number; task_id: number }>(
        `select distinct on (assignee_id) assignee_id as user_id, task_id from task_assignee
         where role = 'owner' and assignee_id = any($1) order by assignee_id, hashint4(task_id)`,
        [world.employees.map((p) => p.id)],
      );
      const people = byId(world.employees);
      return cycle(rows, (r) => ({ method: "GET", path: `/api/tasks/${r.task_id}`, token: tokenOf(people, r.user_id) }));
    },
  },
  {
    name: "team-dashboard",
    title: "Team dashboard (GET /api/scores/team?entity_id=team&limit=500, manager)",
    targets: { p95Max: LIST_P95_MS },
    source: (world) =>
      Promise.resolve(cycle(world.managers, (m) => ({ method: "GET", path: `/api/scores/team?entity_id=${m.entityId}&limit=500`, token: m.token() }))),
  },
  {
    name: "entity-dashboard",
    title: "Entity-wide dashboard (GET /api/scores/entities/:root, admin)",
    targets: { p95Max: LIST_P95_MS },
    source: (world) => Promise.resolve(cycle(world.admins, (a) => ({ method: "GET", path: `/api/scores/entities/${a.entityId}`, token: a.token() }))),
  },
  {
    name: "progress",
    title: "Progress update (POST /api/progress/update: ½ start, ½ done with cascade)",
    targets: { minRps: 500 },
    maxRate: 1_500,
    source: async (world, side, count) => {
      const people = byId(employeesOf(world, side));
      const rows = await progressRows(world, side, count);
      return once(rows, (r) => ({
        method: "POST",
        path: "/api/progress/update",
        token: tokenOf(people, r.userId),
        body: { user_id: r.userId, task_id: r.taskId, status_id: r.to },
      }));
    },
  },
  {
    name: "evaluation",
    title: "Evaluation (POST /api/evaluation/process: one quiz step, graded, exam completes)",
    targets: {},
    maxRate: 400,
    source: async (world, side, count) => {
      const people = byId(employeesOf(world, side));
      const rows = await evaluationRows(world, side, count);
      return once(rows, (r) => ({
        method: "POST",
        path: "/api/evaluation/process",
        token: tokenOf(people, r.userId),
        body: { task_results: { task_id: r.taskId, task_step_id: r.stepId, answers: r.answers } },
      }));
    },
  },
  {
    name: "onboarding",
    title: "Onboarding start (POST /api/onboarding/start, manager; 100-task program)",
    targets: {},
    maxRate: 40,
    source: async (world, side, count) => {
      const managers = byId(world.managers);
      // Consecutive starts come from different managers (interleave groups by userId: here the manager).
      const rows = interleave((await hireRows(world, side, count)).map((r) => ({ hireId: r.userId, userId: r.managerId })));
      return once(rows, (r) => ({ method: "POST", path: "/api/onboarding/start", token: tokenOf(managers, r.userId), body: { user_id: r.hireId } }));
    },
    cleanup: (world) => retireHires(world.pool),
  },
];
