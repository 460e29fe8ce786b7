// What publishing a program takes with it: the program and every draft below it (milestones,
// task templates with their draft parents, steps). Published templates only ever link to
// published ones, so the drafts of the tree are all there is; the server checks the same again.
import type { ProgramTree } from "@/lib/views/admin/programs";

export type FrozenNode = { kind: "project" | "milestone" | "task" | "step"; id: number; name: string };

/** The drafts of the tree, each once, the program first. */
export function draftsBelow(program: ProgramTree): FrozenNode[] {
  const found = new Map<string, FrozenNode>();
  const add = (kind: FrozenNode["kind"], node: { id: number; name: string; is_draft: boolean }) => {
    if (node.is_draft) found.set(`${kind}:${node.id}`, { kind, id: node.id, name: node.name });
  };
  add("project", program);
  for (const milestone of program.milestones) {
    add("milestone", milestone);
    for (const link of milestone.task_templates) {
      const task = program.tasks[link.id];
      if (!task) continue;
      add("task", task);
      for (const parent of task.parents) add("task", parent);
      for (const step of task.steps) add("step", step);
    }
  }
  return [...found.values()];
}

