// The board driven from the keyboard, as dnd-kit's keyboard sensor expects: Space picks a card up,
// arrow keys carry it between columns, Space drops it.
import type { Locator, Page } from "@playwright/test";
import { expect } from "../fixtures";

export const BOARD_COLUMNS = ["todo", "in_progress", "blocked", "in_review", "done", "cancelled"] as const;
type Column = (typeof BOARD_COLUMNS)[number];
const LABELS: Record<Column, string> = { todo: "To do", in_progress: "In progress", blocked: "Blocked", in_review: "In review", done: "Done", cancelled: "Cancelled" };

export class BoardPage {
  constructor(readonly page: Page) {}

  async goto() {
    await this.page.goto("/board");
    await expect(this.page.getByRole("heading", { level: 1, name: "Board" })).toBeVisible();
  }

  column(code: Column): Locator {
    return this.page.getByTestId(`column-${code}`);
  }

  card(taskId: number): Locator {
    return this.page.getByTestId(`card-${taskId}`);
  }

  async moveByKeyboard(task: { id: number; name: string }, from: Column, to: Column) {
    const steps = BOARD_COLUMNS.indexOf(to) - BOARD_COLUMNS.indexOf(from);
    const handle = this.card(task.id).getByRole("button", { name: `Move ${task.name}`, exact: true });
    // Each key waits for the screen-reader announcement of where the card is, as a person would.
    const announcement = this.page.getByRole("status").filter({ hasText: task.name });
    await handle.focus();
    await this.page.keyboard.press("Space");
    await expect(announcement).toContainText(`${task.name} is over ${LABELS[from]}.`);
    const direction = steps > 0 ? 1 : -1;
    for (let i = 1; i <= Math.abs(steps); i++) {
      await this.page.keyboard.press(direction > 0 ? "ArrowRight" : "ArrowLeft");
      const over = BOARD_COLUMNS[BOARD_COLUMNS.indexOf(from) + i * direction] ?? to;
      await expect(announcement).toContainText(`${task.name} is over ${LABELS[over]}.`);
    }
    await this.page.keyboard.press("Space");
    await expect(announcement).toContainText(`${task.name} was dropped on ${LABELS[to]}.`);
  }
}
