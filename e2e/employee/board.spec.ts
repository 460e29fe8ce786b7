// The board from the keyboard: a legal move sticks (and survives a reload), an illegal one is
// refused by the server, the card snaps back to its column and the reason is shown.
import { expectAccessible } from "../support/a11y";
import { assignTemplateTask } from "../support/arrange";
import { expect, test } from "../support/fixtures";
import { BoardPage } from "../support/pages/board-page";

test("moving cards by keyboard: legal moves stick, illegal ones snap back with the reason", async ({ employeePage: page, employeeApi, managerApi }) => {
  const task = await assignTemplateTask(managerApi, employeeApi, "Complete your HR paperwork");
  const board = new BoardPage(page);
  await board.goto();
  await expect(board.column("todo").getByTestId(`card-${task.id}`)).toBeVisible();
  await expectAccessible(page, "board");

  // To do → Done skips the machine's steps (and the checklist is open): refused.
  await board.moveByKeyboard(task, "todo", "done");
  await expect(page.getByTestId("board-refusal")).toContainText(`“${task.name}” could not move to Done.`);
  await expect(page.getByTestId("board-refusal")).toContainText("A task cannot move from todo to done");
  await expect(board.column("todo").getByTestId(`card-${task.id}`)).toBeVisible();

  // To do → In progress is legal.
  await board.moveByKeyboard(task, "todo", "in_progress");
  await expect(board.column("in_progress").getByTestId(`card-${task.id}`)).toBeVisible();
  await expect(page.getByTestId("board-refusal")).toHaveCount(0);
  await page.reload();
  await expect(board.column("in_progress").getByTestId(`card-${task.id}`)).toBeVisible();

  // In progress → Done while the checklist is open: the server names what is missing.
  await board.moveByKeyboard(task, "in_progress", "done");
  await expect(page.getByTestId("board-refusal")).toContainText("cannot be done yet");
  await expect(board.column("in_progress").getByTestId(`card-${task.id}`)).toBeVisible();
});
