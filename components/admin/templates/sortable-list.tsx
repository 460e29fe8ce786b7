"use client";
// An ordered list whose rows move by drag and drop: pointer, touch, or keyboard (Space or Enter
// picks a row up by its handle, the arrow keys move it, Space or Enter drops it, Escape cancels),
// each move announced to screen readers. The new order shows at once and is handed to `onReorder`,
// which saves it; when the saved list comes back, it replaces the local one.
import {
  type Announcements,
  closestCenter,
  DndContext,
  type DragEndEvent,
  KeyboardSensor,
  PointerSensor,
  TouchSensor,
  useSensor,
  useSensors,
} from "@dnd-kit/core";
import { arrayMove, SortableContext, sortableKeyboardCoordinates, useSortable, verticalListSortingStrategy } from "@dnd-kit/sortable";
import { CSS } from "@dnd-kit/utilities";
import { useTranslations } from "next-intl";
import { type ReactNode, useState } from "react";
import { GripIcon } from "@/components/ui/icons";

export type SortableRow = { id: number; name: string };

type Props<T extends SortableRow> = {
  /** Distinguishes the lists of one page (dnd-kit's accessibility ids derive from it). */
  listId: string;
  label: string;
  rows: T[];
  /** Off for published templates: their order is frozen. */
  enabled: boolean;
  onReorder: (ids: number[]) => void;
  renderRow: (row: T, handle: ReactNode, index: number) => ReactNode;
};

export function SortableList<T extends SortableRow>({ listId, label, rows, enabled, onReorder, renderRow }: Props<T>) {
  const t = useTranslations("adminTemplates.dnd");
  const incoming = rows.map((r) => r.id).join(",");
  const [order, setOrder] = useState<{ from: string; ids: number[] }>({ from: incoming, ids: rows.map((r) => r.id) });
  // A new list from the server (saved, refused or changed elsewhere) replaces the local order.
  let ids = order.ids;
  if (order.from !== incoming) {
    ids = rows.map((r) => r.id);
    setOrder({ from: incoming, ids });
  }
  const byId = new Map(rows.map((r) => [r.id, r]));
  const ordered = ids.flatMap((id) => (byId.has(id) ? [byId.get(id) as T] : []));
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 4 } }),
    useSensor(TouchSensor, { activationConstraint: { delay: 150, tolerance: 6 } }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  );
  const nameOf = (id: string | number) => byId.get(Number(id))?.name ?? "";
  const positionOf = (id: string | number) => ids.indexOf(Number(id)) + 1;
  const announcements: Announcements = {
    onDragStart: ({ active }) => t("start", { name: nameOf(active.id), position: positionOf(active.id), total: ids.length }),
    onDragOver: ({ active, over }) => (over ? t("over", { name: nameOf(active.id), position: positionOf(over.id), total: ids.length }) : t("none", { name: nameOf(active.id) })),
    onDragEnd: ({ active, over }) => (over ? t("end", { name: nameOf(active.id), position: positionOf(over.id), total: ids.length }) : t("cancel", { name: nameOf(active.id) })),
    onDragCancel: ({ active }) => t("cancel", { name: nameOf(active.id) }),
  };

  function onDragEnd({ active, over }: DragEndEvent) {
    if (!over || active.id === over.id) return;
    const next = arrayMove(ids, ids.indexOf(Number(active.id)), ids.indexOf(Number(over.id)));
    setOrder({ from: incoming, ids: next });
    onReorder(next);
  }

  const list = (
    <ol aria-label={label} className="flex flex-col gap-2">
      {ordered.map((row, index) => (
        <SortableItem key={row.id} id={row.id} enabled={enabled} moveLabel={t("move", { name: row.name })}>
          {(handle) => renderRow(row, handle, index)}
        </SortableItem>
      ))}
    </ol>
  );
  if (!enabled) return list;
  return (
    <DndContext
      id={`sortable-${listId}`}
      sensors={sensors}
      collisionDetection={closestCenter}
      onDragEnd={onDragEnd}
      accessibility={{ announcements, screenReaderInstructions: { draggable: t("instructions") } }}
    >
      <SortableContext items={ids} strategy={verticalListSortingStrategy}>
        {list}
      </SortableContext>
    </DndContext>
  );
}

function SortableItem({ id, enabled, moveLabel, children }: { id: number; enabled: boolean; moveLabel: string; children: (handle: ReactNode) => ReactNode }) {
  if (!enabled) return <li className="list-none">{children(null)}</li>;
  return (
    <DraggableItem id={id} moveLabel={moveLabel}>
      {children}
    </DraggableItem>
  );
}

function DraggableItem({ id, moveLabel, children }: { id: number; moveLabel: string; children: (handle: ReactNode) => ReactNode }) {
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition, isDragging } = useSortable({ id });
  const handle = (
    <button
      type="button"
      ref={setActivatorNodeRef}
      {...attributes}
      {...listeners}
      aria-label={moveLabel}
      className="grid h-8 w-7 shrink-0 cursor-grab touch-none place-items-center rounded text-slate-500 hover:bg-slate-100 hover:text-slate-800 focus-visible:outline-2 focus-visible:outline-emerald-600 active:cursor-grabbing dark:text-slate-400 dark:hover:bg-slate-800 dark:hover:text-slate-100"
    >
      <GripIcon className="h-4 w-4" />
    </button>
  );
  return (
    <li
      ref={setNodeRef}
      style={{ transform: CSS.Translate.toString(transform), transition }}
      className={`relative list-none ${isDragging ? "z-10 opacity-80 shadow-lg" : ""}`}
    >
      {children(handle)}
    </li>
  );
}
