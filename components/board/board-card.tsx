"use client";
// A task on the board: a drag handle (pointer, touch or keyboard), its name as a link, and what
// tells work apart at a glance: project, due date in the reader's time zone, people.
import { useDraggable } from "@dnd-kit/core";
import Link from "next/link";
import { useFormatter, useTimeZone, useTranslations } from "next-intl";
import { formatDue } from "@/components/ui/format";
import { GripIcon } from "@/components/ui/icons";
import type { TaskDto } from "@/lib/tasks/dto";

type CardProps = { task: TaskDto; projectName?: string };

export function BoardCard({ task, projectName }: CardProps) {
  const t = useTranslations("board");
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, isDragging } = useDraggable({ id: task.id, data: { task } });
  return (
    <CardFace task={task} projectName={projectName} innerRef={setNodeRef} dimmed={isDragging}>
      <button
        type="button"
        ref={setActivatorNodeRef}
        {...attributes}
        {...listeners}
        aria-label={t("moveCard", { name: task.name })}
        className="-ml-1 h-7 w-6 shrink-0 cursor-grab touch-none rounded text-slate-500 hover:bg-slate-100 hover:text-slate-800 focus-visible:outline-2 focus-visible:outline-emerald-600 active:cursor-grabbing dark:text-slate-400 dark:hover:bg-slate-800"
      >
        <GripIcon className="mx-auto h-4 w-4" />
      </button>
    </CardFace>
  );
}

/** The card as it follows the pointer while dragged. */
export function DraggedCard({ task, projectName }: CardProps) {
  return (
    <CardFace task={task} projectName={projectName} lifted>
      <span aria-hidden className="-ml-1 grid h-7 w-6 shrink-0 place-items-center text-slate-500">
        <GripIcon className="h-4 w-4" />
      </span>
    </CardFace>
  );
}

function CardFace({
  task,
  projectName,
  innerRef,
  dimmed = false,
  lifted = false,
  children,
}: CardProps & { innerRef?: (node: HTMLElement | null) => void; dimmed?: boolean; lifted?: boolean; children: React.ReactNode }) {
  const t = useTranslations("board");
  const format = useFormatter();
  const timeZone = useTimeZone();
  return (
    <article
      ref={innerRef}
      data-testid={lifted ? undefined : `card-${task.id}`}
      className={`relative flex gap-2 rounded-xl border border-slate-200 bg-white p-3 text-sm shadow-sm dark:border-slate-700 dark:bg-slate-900 ${dimmed ? "opacity-40" : ""} ${
        lifted ? "rotate-1 shadow-lg ring-2 ring-emerald-600" : ""
      }`}
    >
      {children}
      <div className="flex min-w-0 flex-1 flex-col gap-1.5">
        {lifted ? (
          <span className="font-medium leading-snug">{task.name}</span>
        ) : (
          <Link href={`/tasks/${task.id}`} className="font-medium leading-snug hover:text-emerald-700 hover:underline dark:hover:text-emerald-400">
            {task.name}
          </Link>
        )}
        {projectName ? <p className="truncate text-xs text-slate-600 dark:text-slate-400">{projectName}</p> : null}
        <div className="flex flex-wrap items-center gap-1.5 text-xs">
          {task.kind === "exam" ? <span className="rounded bg-violet-100 px-1.5 py-0.5 font-medium text-violet-900 dark:bg-violet-950 dark:text-violet-200">{t("exam")}</span> : null}
          {task.due_date ? (
            <span className={task.overdue ? "font-semibold text-red-700 dark:text-red-400" : "text-slate-600 dark:text-slate-400"}>
              {task.overdue ? `${t("overdue")} · ` : ""}
              {formatDue(format, task.due_date, timeZone, { day: "numeric", month: "short" })}
            </span>
          ) : null}
          <span className="ml-auto flex -space-x-1.5">
            {task.assignees.slice(0, 3).map((a) => (
              <span
                key={a.user_id}
                title={a.name}
                className="grid h-6 w-6 place-items-center rounded-full border-2 border-white bg-slate-200 text-[10px] font-semibold text-slate-800 dark:border-slate-900 dark:bg-slate-700 dark:text-slate-100"
              >
                <span aria-hidden>{initials(a.name)}</span>
                <span className="sr-only">{a.name}</span>
              </span>
            ))}
          </span>
        </div>
      </div>
    </article>
  );
}

function initials(name: string): string {
  return name
    .split(/\s+/)
    .map((part) => part.charAt(0))
    .slice(0, 2)
    .join("")
    .toUpperCase();
}
