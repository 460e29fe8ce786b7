"use client";
// The checklist board: the visible tasks in one column per task status. A card moves by drag and
// drop with pointer, touch or keyboard; the server's status machine decides, and a refused move
// snaps back with the reason. Filters live in the URL so a filtered board can be shared.
import {
  type Announcements,
  type CollisionDetection,
  DndContext,
  type DragEndEvent,
  DragOverlay,
  type DragStartEvent,
  KeyboardSensor,
  MouseSensor,
  pointerWithin,
  rectIntersection,
  TouchSensor,
  useSensor,
  useSensors,
} from "@dnd-kit/core";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useLiveTopics } from "@/components/live/use-live";
import type { BoardFilters } from "@/components/query/query-keys";
import { EmptyState } from "@/components/ui/empty-state";
import { ProblemMessage } from "@/components/ui/problem-message";
import { isKnownStatus } from "@/components/ui/status-codes";
import type { TaskDto } from "@/lib/tasks/dto";
import type { StatusOption } from "@/lib/views/task-workspace";
import { BoardCard, DraggedCard } from "./board-card";
import { BoardColumn } from "./board-column";
import { BoardFiltersBar, type Option } from "./board-filters";
import { columnKeyboardCoordinates } from "./column-keyboard";
import { useBoard } from "./use-board";

type Props = {
  initialFilters: BoardFilters;
  statuses: StatusOption[];
  projects: Option[];
  people: Option[];
  timeZone: string;
};

/** Pointer drags drop where the pointer is; keyboard drags by where the card is. */
const collision: CollisionDetection = (args) => (args.pointerCoordinates ? pointerWithin(args) : rectIntersection(args));

export function BoardView({ initialFilters, statuses, projects, people, timeZone }: Props) {
  const t = useTranslations("board");
  const s = useTranslations("status");
  const [filters, setFilters] = useState<BoardFilters>(initialFilters);
  const { tasks, items, move, refusal, dismissRefusal } = useBoard(filters, timeZone);
  useLiveTopics(filters.project ? ["user:me", "team:me", `project:${filters.project}`] : ["user:me", "team:me"]);
  const [dragged, setDragged] = useState<TaskDto | null>(null);
  const sensors = useSensors(
    useSensor(MouseSensor, { activationConstraint: { distance: 4 } }),
    useSensor(TouchSensor, { activationConstraint: { delay: 150, tolerance: 6 } }),
    useSensor(KeyboardSensor, { coordinateGetter: columnKeyboardCoordinates }),
  );
  const statusName = (code: string) => (isKnownStatus(code) ? s(code) : code);
  const nameOf = (id: string | number) => items.find((task) => task.id === Number(id))?.name ?? "";
  const announcements: Announcements = {
    onDragStart: ({ active }) => t("announce.start", { name: nameOf(active.id) }),
    onDragOver: ({ active, over }) => (over ? t("announce.over", { name: nameOf(active.id), status: statusName(String(over.id)) }) : t("announce.none", { name: nameOf(active.id) })),
    onDragEnd: ({ active, over }) => (over ? t("announce.end", { name: nameOf(active.id), status: statusName(String(over.id)) }) : t("announce.cancel", { name: nameOf(active.id) })),
    onDragCancel: ({ active }) => t("announce.cancel", { name: nameOf(active.id) }),
  };

  function changeFilters(next: BoardFilters) {
    setFilters(next);
    const search = new URLSearchParams();
    if (next.project) search.set("project", String(next.project));
    if (next.assignee) search.set("assignee", String(next.assignee));
    if (next.due) search.set("due", next.due);
    const query = search.toString();
    window.history.replaceState(null, "", query ? `/board?${query}` : "/board");
  }

  function onDragStart(event: DragStartEvent) {
    setDragged(items.find((task) => task.id === Number(event.active.id)) ?? null);
  }

  function onDragEnd(event: DragEndEvent) {
    setDragged(null);
    const task = items.find((x) => x.id === Number(event.active.id));
    const to = statuses.find((x) => x.code === event.over?.id);
    if (!task || !to || task.status === to.code) return;
    move.mutate({ task, to });
  }

  const projectName = (id: number | null) => projects.find((p) => p.id === id)?.label;
  return (
    <div className="flex flex-col gap-4">
      <BoardFiltersBar filters={filters} projects={projects} people={people} onChange={changeFilters} />
      {refusal ? (
        <div className="flex items-start justify-between gap-3 rounded-xl border border-red-200 bg-red-50 p-3 dark:border-red-900 dark:bg-red-950/50" data-testid="board-refusal">
          <div className="flex flex-col gap-1">
            <p className="text-sm font-semibold text-red-900 dark:text-red-100">{t("refused", { name: refusal.taskName, status: statusName(refusal.to) })}</p>
            <ProblemMessage problem={refusal.problem} />
          </div>
          <button type="button" onClick={dismissRefusal} className="rounded-md px-2 py-1 text-sm text-red-900 hover:bg-red-100 dark:text-red-100 dark:hover:bg-red-900">
            {t("dismiss")}
          </button>
        </div>
      ) : null}
      <ProblemMessage problem={tasks.error} />
      {!tasks.isPending && items.length === 0 ? (
        <EmptyState title={t("emptyTitle")} body={Object.keys(filters).length ? t("emptyFiltered") : t("emptyBody")} />
      ) : (
        <DndContext
          // A fixed id keeps the accessibility ids dnd-kit generates equal on the server and in the browser.
          id="task-board"
          sensors={sensors}
          collisionDetection={collision}
          onDragStart={onDragStart}
          onDragEnd={onDragEnd}
          onDragCancel={() => setDragged(null)}
          accessibility={{ announcements, screenReaderInstructions: { draggable: t("instructions") } }}
        >
          <div className="relative -mx-4 overflow-x-auto px-4 pb-2" role="region" aria-label={t("columns")} tabIndex={0}>
            <div className="flex gap-3">
              {statuses.map((status) => {
                const cards = items.filter((task) => (task.status ?? "todo") === status.code);
                return (
                  <BoardColumn key={status.code} code={status.code} count={cards.length}>
                    {cards.map((task) => (
                      <BoardCard key={task.id} task={task} projectName={projectName(task.project_id)} />
                    ))}
                  </BoardColumn>
                );
              })}
            </div>
          </div>
          <DragOverlay>{dragged ? <DraggedCard task={dragged} projectName={projectName(dragged.project_id)} /> : null}</DragOverlay>
        </DndContext>
      )}
      {tasks.hasNextPage ? (
        <button
          type="button"
          onClick={() => void tasks.fetchNextPage()}
          disabled={tasks.isFetchingNextPage}
          className="self-center rounded-lg border border-slate-300 px-4 py-2 text-sm font-semibold hover:bg-slate-100 disabled:opacity-60 dark:border-slate-700 dark:hover:bg-slate-800"
        >
          {t("loadMore")}
        </button>
      ) : null}
    </div>
  );
}
