// Keyboard moves on the board: with a card picked up (Space or Enter), Left and Right carry it to
// the neighbouring column; Space or Enter drops it and Escape puts it back.
import type { KeyboardCoordinateGetter } from "@dnd-kit/core";

export const columnKeyboardCoordinates: KeyboardCoordinateGetter = (event, { context }) => {
  if (event.code !== "ArrowRight" && event.code !== "ArrowLeft") return undefined;
  event.preventDefault();
  const { collisionRect, droppableRects, droppableContainers } = context;
  if (!collisionRect) return undefined;
  const columns = droppableContainers
    .getEnabled()
    .map((container) => droppableRects.get(container.id))
    .filter((rect) => rect !== undefined)
    .sort((a, b) => a.left - b.left);
  const centre = collisionRect.left + collisionRect.width / 2;
  let current = columns.findIndex((rect) => centre >= rect.left && centre <= rect.left + rect.width);
  if (current < 0) current = columns.findIndex((rect) => rect.left > centre) - 1;
  const target = columns[current + (event.code === "ArrowRight" ? 1 : -1)];
  if (!target) return undefined;
  return { x: target.left + Math.max(0, (target.width - collisionRect.width) / 2), y: target.top + 48 };
};
