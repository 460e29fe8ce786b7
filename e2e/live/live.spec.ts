// Live updates between browsers: a change made in one place shows in another open page without a
// reload — a card moved on the board in one tab moves in the other, a manager's validation
// completes the item on the employee's task page, finished work moves the program's progress for
// the employee and the manager's timeline — and a tab that lost its connection resumes from the
// last event it saw. The header says whether live updates are connected.
import type { Page, WebSocket } from "@playwright/test";
import { expectAccessible } from "../support/a11y";
import { apiJson } from "../support/auth";
import { assignTemplateTask } from "../support/arrange";
import { expect, test } from "../support/fixtures";
import { BoardPage } from "../support/pages/board-page";
import { OnboardingPage } from "../support/pages/onboarding-page";
import { TaskPage } from "../support/pages/task-page";
import { completeAllItems, moveTask, taskDetail } from "./arrange-live";

/** Marks the page's window: a reload or a navigation loses the mark. */
async function mark(page: Page) {
  await page.evaluate(() => Object.assign(window, { __liveMark: true }));
}
async function stillMarked(page: Page): Promise<boolean> {
  return page.evaluate(() => (window as unknown as { __liveMark?: boolean }).__liveMark === true);
}

async function expectConnected(page: Page) {
  const indicator = page.getByTestId("live-indicator");
  await expect(indicator).toHaveAttribute("data-state", "connected");
  await expect(indicator).toContainText("Live updates: connected");
}

test("a card moved on the board in one tab moves in the other, without a reload", async ({ browser, sessions, baseURL, employeePage: first, employeeApi, managerApi }) => {
  const task = await assignTemplateTask(managerApi, employeeApi, "Complete your HR paperwork");
  const context = await browser.newContext({ baseURL, storageState: sessions.employee });
  try {
    const second = await context.newPage();
    const boardOne = new BoardPage(first);
    const boardTwo = new BoardPage(second);
    await boardOne.goto();
    await boardTwo.goto();
    await expectConnected(first);
    await expectConnected(second);
    await expectAccessible(second, "board with the live indicator");
    await expect(boardTwo.column("todo").getByTestId(`card-${task.id}`)).toBeVisible();
    await mark(second);

    await boardOne.moveByKeyboard(task, "todo", "in_progress");
    await expect(boardOne.column("in_progress").getByTestId(`card-${task.id}`)).toBeVisible();
    await expect(boardTwo.column("in_progress").getByTestId(`card-${task.id}`)).toBeVisible();
    await expect(boardTwo.column("todo").getByTestId(`card-${task.id}`)).toHaveCount(0);
    expect(await stillMarked(second)).toBe(true);
  } finally {
    await context.close();
  }
});

test("a manager's validation completes the item on the employee's open task page", async ({ employeePage: page, employeeApi, managerApi }) => {
  const STAGING = "Request access to the staging cloud account";
  const task = await assignTemplateTask(managerApi, employeeApi, "Get access to code and tools");
  const taskPage = new TaskPage(page);
  await taskPage.goto(task.id);
  await expectConnected(page);
  // The item needs a manager's validation: asked to complete, it waits.
  await taskPage.completeItem(STAGING, "pending_validation");
  await expect(taskPage.completeButton(STAGING)).toBeDisabled();
  await mark(page);

  const checklist = (await taskDetail(employeeApi, task.id)).checklists[0];
  const item = checklist?.items.find((i) => i.title === STAGING);
  if (!checklist || !item) throw new Error(`the access checklist has no item "${STAGING}"`);
  await apiJson(managerApi, "POST", `/api/checklists/${checklist.id}/items/${item.id}/validate`, { version: item.version });

  await expect(taskPage.item(STAGING)).toHaveAttribute("data-state", "done");
  expect(await stillMarked(page)).toBe(true);
});

test("finished work moves the employee's onboarding and the manager's timeline while they are open", async ({ employeePage, managerPage, employeeApi, managerApi }) => {
  const task = await assignTemplateTask(managerApi, employeeApi, "Complete your HR paperwork");
  const projectId = (await taskDetail(employeeApi, task.id)).project_id;
  if (projectId === null) throw new Error("the task is not in the employee's program");

  const onboarding = new OnboardingPage(employeePage);
  await onboarding.goto();
  await expectConnected(employeePage);
  const before = await onboarding.overallProgress();
  await mark(employeePage);

  await managerPage.goto(`/timeline?project=${projectId}`);
  const timeline = managerPage.locator(`section[aria-labelledby=timeline-${projectId}]`);
  await expect(timeline).toBeVisible();
  await expectConnected(managerPage);
  await expect(timeline).toContainText(`${before.done} of ${before.total} tasks`);
  await mark(managerPage);

  await completeAllItems(employeeApi, task.id);

  await expect.poll(() => onboarding.overallProgress()).toEqual({ done: before.done + 1, total: before.total });
  await expect(timeline).toContainText(`${before.done + 1} of ${before.total} tasks`);
  expect(await stillMarked(employeePage)).toBe(true);
  expect(await stillMarked(managerPage)).toBe(true);
});

test("a tab that lost its connection says so, and resumes from the last event it saw", async ({ employeePage: page, employeeApi, managerApi }) => {
  const task = await assignTemplateTask(managerApi, employeeApi, "Complete your HR paperwork");
  const sockets: WebSocket[] = [];
  page.on("websocket", (ws) => sockets.push(ws));
  const sent: string[] = [];
  const received: string[] = [];
  page.on("websocket", (ws) => {
    ws.on("framesent", (frame) => sent.push(String(frame.payload)));
    ws.on("framereceived", (frame) => received.push(String(frame.payload)));
  });
  const board = new BoardPage(page);
  await board.goto();
  await expectConnected(page);
  // Something happens while connected, so the tab has seen an event to resume from.
  await moveTask(employeeApi, task.id, "in_progress");
  await expect(board.column("in_progress").getByTestId(`card-${task.id}`)).toBeVisible();
  await mark(page);

  await page.context().setOffline(true);
  await expect(page.getByTestId("live-indicator")).toHaveAttribute("data-state", "offline");
  await expect(page.getByTestId("live-indicator")).toContainText("Live updates: offline");
  await moveTask(employeeApi, task.id, "blocked");
  const subscribesBefore = sent.filter((f) => f.includes('"subscribe"')).length;
  const receivedBefore = received.length;
  await page.context().setOffline(false);

  await expectConnected(page);
  await expect(board.column("blocked").getByTestId(`card-${task.id}`)).toBeVisible();
  // The new connection asked for what it missed, and the server sent the move made meanwhile.
  const resumed = sent.filter((f) => f.includes('"subscribe"')).slice(subscribesBefore);
  expect(resumed.some((f) => /"last_event_id":[1-9]\d*/.test(f))).toBe(true);
  const missed = (frame: string) => frame.includes('"task.status_changed"') && frame.includes(`"task_id":${task.id}`) && frame.includes('"to":"blocked"');
  await expect.poll(() => received.slice(receivedBefore).some(missed)).toBe(true);
  await expect.poll(() => received.slice(receivedBefore).some((f) => f.includes('"caught_up"'))).toBe(true);
  expect(sockets.length).toBeGreaterThanOrEqual(2);
  expect(await stillMarked(page)).toBe(true);
});
