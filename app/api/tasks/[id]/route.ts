// One task: read (with steps, checklists, assignees, hierarchy), edit its plan, delete it.
import { defineRoute } from "@/lib/api/handler";
import { etagOf, ifMatchVersion } from "@/lib/api/versioning";
import { deleteTask, updateTask } from "@/lib/tasks/edit";
import { getTask } from "@/lib/tasks/queries";
import { idParamsSchema, taskUpdateSchema } from "@/lib/tasks/validators";

export const dynamic = "force-dynamic";

// GET /api/tasks/:id — one visible task with its steps, checklists and items, assignees, parents and children
export const GET = defineRoute({
  permission: "tasks:read",
  summary: "Get a task",
  params: idParamsSchema,
  handler: async ({ db, principal, params }) => {
    const task = await getTask(db, principal, params);
    return Response.json(task, { headers: { etag: etagOf(task.version) } });
  },
});

// PATCH /api/tasks/:id — change name, description or due date (status moves go through /api/progress/update); stale version 409, stale If-Match 412
export const PATCH = defineRoute({
  permission: "tasks:assign",
  summary: "Update a task",
  params: idParamsSchema,
  body: taskUpdateSchema,
  handler: async ({ db, principal, params, body, request }) => {
    const task = await updateTask(db, principal, { id: params.id, changes: body, ifMatch: ifMatchVersion(request) });
    return Response.json(task, { headers: { etag: etagOf(task.version) } });
  },
});

// DELETE /api/tasks/:id — delete a task and its child tasks when none holds completed work (409 otherwise)
export const DELETE = defineRoute({
  permission: "tasks:assign",
  summary: "Delete a task",
  params: idParamsSchema,
  handler: ({ db, principal, params, request }) => deleteTask(db, principal, { id: params.id, ifMatch: ifMatchVersion(request) }),
});
