// The whole cascade on a real program: completing every checklist item through the services
// completes each checklist, its step, its task, each milestone and finally the project, each level
// stamped and evented in the transaction of the item that finished it.
import { describe, expect, it } from "vitest";
import { openTestDatabase } from "../../test/db";
import { checklistStep, createOrganisation, instructionStep } from "../../test/factories";
import { progressChecklistItem } from "../checklists/service";
import { completeTaskStep } from "./steps";
import { checklistsOf, eventsOfProject, itemsOf, milestoneRow, projectRow, startProgram, statusId, stepsOf, taskRow } from "./test-program";

const { db } = await openTestDatabase();

describe("completion cascade", () => {
  it("items → checklists → steps → tasks → milestones → project, stamped and evented", async () => {
    const org = await createOrganisation(db);
    const employee = org.employee;
    const program = await startProgram(db, employee.user, {
      milestones: [
        {
          name: "Day one",
          offset: 0,
          duration: 2,
          tasks: [
            { name: "Set up", steps: [checklistStep("sequential", ["Badge", "Laptop"])] },
            { name: "Meet the team", steps: [instructionStep(), checklistStep("parallel", ["Lead", "Buddy"])] },
          ],
        },
        { name: "Week one", offset: 2, duration: 3, tasks: [{ name: "First ticket", steps: [checklistStep("parallel", ["Ship it"])] }] },
      ],
    });
    const [firstMilestone, secondMilestone] = program.milestoneIds as [number, number];
    const completeAll = async (taskName: string) => {
      const taskId = program.taskId(taskName);
      const answers = [];
      for (const checklist of await checklistsOf(db, taskId)) {
        for (const item of await itemsOf(db, checklist.id)) {
          answers.push(await progressChecklistItem(db, employee.principal, { checklistId: checklist.id, itemId: item.id, action: "complete", version: item.version }));
        }
      }
      return answers;
    };

    // Task 1: its last item completes the checklist, the step and the task; the milestone waits for task 2.
    const setUp = await completeAll("Set up");
    expect(setUp[0]?.cascade).toMatchObject({ tasks_started: [program.taskId("Set up")], milestones_started: [firstMilestone], projects_started: [program.projectId] });
    const lastOfSetUp = setUp.at(-1);
    expect(lastOfSetUp?.cascade.checklists_completed).toHaveLength(1);
    expect(lastOfSetUp?.cascade.steps_completed).toHaveLength(1);
    expect(lastOfSetUp?.cascade.tasks_completed).toEqual([program.taskId("Set up")]);
    expect(lastOfSetUp?.cascade.milestones_completed).toEqual([]);
    expect((await milestoneRow(db, firstMilestone)).statusId).toBe(await statusId(db, "milestone", "in_progress"));

    // Task 2: the checklist completes, but the instruction step is still open, so the task waits.
    const meet = await completeAll("Meet the team");
    expect(meet.at(-1)?.cascade.checklists_completed).toHaveLength(1);
    expect(meet.at(-1)?.cascade.tasks_completed).toEqual([]);
    expect(meet.at(-1)?.task.status.code).toBe("in_progress");
    const [instruction] = await stepsOf(db, program.taskId("Meet the team"));
    const step = await completeTaskStep(db, employee.principal, { taskId: program.taskId("Meet the team"), stepId: instruction?.id ?? 0 });
    expect(step.cascade.tasks_completed).toEqual([program.taskId("Meet the team")]);
    expect(step.cascade.milestones_completed).toEqual([firstMilestone]);
    expect(step.cascade.projects_completed).toEqual([]);

    // Task 3 (second milestone): one item completes everything up to the project.
    const [last] = await completeAll("First ticket");
    expect(last?.cascade).toMatchObject({
      checklists_completed: [expect.any(Number)],
      steps_completed: [expect.any(Number)],
      tasks_started: [program.taskId("First ticket")],
      tasks_completed: [program.taskId("First ticket")],
      milestones_started: [secondMilestone],
      milestones_completed: [secondMilestone],
      projects_completed: [program.projectId],
    });

    // Every level is final and stamped.
    for (const name of ["Set up", "Meet the team", "First ticket"]) {
      const task = await taskRow(db, program.taskId(name));
      expect(task.statusId).toBe(await statusId(db, "task", "done"));
      expect(task.startedAt).not.toBeNull();
      expect(task.completedAt).not.toBeNull();
      expect(task.completedBy).toBe(employee.user.id);
      expect(task.actualMinutes).not.toBeNull();
      for (const s of await stepsOf(db, task.id)) {
        expect(s.statusId).toBe(await statusId(db, "task_step", "done"));
        expect(s.completedAt).not.toBeNull();
        expect(s.completedBy).toBe(employee.user.id);
      }
      for (const c of await checklistsOf(db, task.id)) {
        expect(c).toMatchObject({ isCompleted: true, statusId: await statusId(db, "checklist", "completed"), completedBy: employee.user.id });
        expect(c.completedAt).not.toBeNull();
        for (const item of await itemsOf(db, c.id)) {
          expect(item.statusId).toBe(await statusId(db, "checklist_item", "done"));
          expect(item.completedBy).toBe(employee.user.id);
        }
      }
    }
    for (const id of program.milestoneIds) {
      const milestone = await milestoneRow(db, id);
      expect(milestone.statusId).toBe(await statusId(db, "milestone", "completed"));
      expect(milestone.startedAt).not.toBeNull();
      expect(milestone.completedAt).not.toBeNull();
    }
    const project = await projectRow(db, program.projectId);
    expect(project.statusId).toBe(await statusId(db, "project", "completed"));
    expect(project.startedAt).not.toBeNull();
    expect(project.completedAt).not.toBeNull();

    // The outbox holds one event per level change, all about the onboardee, all in the project.
    const events = await eventsOfProject(db, program.projectId);
    const count = (type: string) => events.filter((e) => e.type === type).length;
    expect(count("checklist_item.completed")).toBe(5);
    expect(count("checklist.completed")).toBe(3);
    expect(count("task_step.completed")).toBe(4);
    expect(count("task.status_changed")).toBe(6);
    expect(count("milestone.completed")).toBe(2);
    expect(count("project.completed")).toBe(1);
    expect(events.every((e) => e.userId === employee.user.id && e.actorId === employee.user.id && e.entityId === org.department.id)).toBe(true);
    const projectDone = events.find((e) => e.type === "project.completed");
    expect(projectDone?.payload.project_id).toBe(program.projectId);
    // The last item's transaction, in order: every level below the project before the project.
    expect(events.slice(-9).map((e) => e.type)).toEqual([
      "checklist_item.completed",
      "task.status_changed",
      "milestone.started",
      "checklist.started",
      "checklist.completed",
      "task_step.completed",
      "task.status_changed",
      "milestone.completed",
      "project.completed",
    ]);
  });
});
