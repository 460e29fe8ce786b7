// Which cached reads each kind of live event makes stale, and that a burst refetches each once.
import { describe, expect, it } from "vitest";
import { queryKeys } from "@/components/query/query-keys";
import { keysForEvent, keysForEvents } from "./live-cache";

const of = (event: string, payload: Record<string, unknown> = {}) => ({ event, payload });

describe("keysForEvent", () => {
  it("moves the board, the task and its milestone on a task's status change", () => {
    const keys = keysForEvent(of("task.status_changed", { task_id: 4 }));
    expect(keys).toContainEqual(queryKeys.tasks.all);
    expect(keys).toContainEqual(["milestones"]);
    expect(keys).toContainEqual(queryKeys.scores.all);
  });

  it("refreshes only the named checklist on an item's change, and the task it belongs to", () => {
    expect(keysForEvent(of("checklist_item.validated", { checklist_id: 12 }))).toEqual([queryKeys.checklists.detail(12), queryKeys.tasks.all]);
    expect(keysForEvent(of("checklist_item.completed", {}))).toEqual([queryKeys.checklists.all, queryKeys.tasks.all]);
  });

  it("refreshes exams, the review queue, the task and the scores on a graded exam or a review", () => {
    for (const name of ["exam.graded", "submission.reviewed"]) {
      const keys = keysForEvent(of(name));
      expect(keys).toEqual(expect.arrayContaining([queryKeys.exams.all, queryKeys.reviews.all, queryKeys.tasks.all, queryKeys.scores.all]));
    }
  });

  it("refreshes requests and tasks on a request's decision, scores on a specialization", () => {
    expect(keysForEvent(of("task_request.approved"))).toEqual([queryKeys.requests.all, queryKeys.tasks.all]);
    expect(keysForEvent(of("specialization.unlocked"))).toEqual([queryKeys.scores.all]);
  });

  it("leaves the cache alone for events it does not know", () => {
    expect(keysForEvent(of("test.marker"))).toEqual([]);
  });
});

describe("keysForEvents", () => {
  it("names each key once and drops keys beneath a prefix already named", () => {
    const keys = keysForEvents([of("checklist_item.completed", { checklist_id: 12 }), of("checklist.completed", {}), of("task.status_changed")]);
    expect(keys).toContainEqual(queryKeys.checklists.all);
    expect(keys).not.toContainEqual(queryKeys.checklists.detail(12));
    expect(keys.filter((k) => JSON.stringify(k) === JSON.stringify(queryKeys.tasks.all))).toHaveLength(1);
  });
});
