// Handing in work for review: the form checks what it can before sending, the work waits for
// review, comes back returned with the reviewer's public feedback (never the private one), is
// handed in again, and is accepted with a score and a technical rating; each review shows on the
// employee's open page without a reload.
import { expectAccessible } from "../support/a11y";
import { apiJson } from "../support/auth";
import { assignTemplateTask } from "../support/arrange";
import { expect, test } from "../support/fixtures";
import { TaskPage } from "../support/pages/task-page";

const TEMPLATE = "Write a short design note";
const STEP = "Design note";

test("work is handed in, returned with feedback, handed in again and reviewed", async ({ employeePage: page, employeeApi, managerApi }) => {
  const task = await assignTemplateTask(managerApi, employeeApi, TEMPLATE);
  const taskPage = new TaskPage(page);
  await taskPage.goto(task.id);
  await taskPage.step(STEP).getByRole("link", { name: "Submit your work for review" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(STEP);
  await expect(page.getByText("Hand in your work as text, a link, or both.")).toBeVisible();
  await expectAccessible(page, "submission before handing in");

  // Nothing written: refused in the browser; a link that is not one: refused beside the field.
  await page.getByRole("button", { name: "Hand in for review" }).click();
  await expect(page.getByText("Write something or add a link.")).toBeVisible();
  await page.getByLabel("Link", { exact: true }).fill("design-note");
  await page.getByRole("button", { name: "Hand in for review" }).click();
  await expect(page.getByText("Use a full web address starting with https:// or http://.")).toBeVisible();
  await expect(page.getByLabel("Link", { exact: true })).toHaveAttribute("aria-invalid", "true");

  await page.getByLabel("Your work", { exact: true }).fill("Problem: slow route planning.\nOptions: cache, precompute.\nDecision: precompute nightly.");
  await page.getByLabel("Link", { exact: true }).fill("https://docs.example.com/design-note");
  await page.getByRole("button", { name: "Hand in for review" }).click();
  const state = page.getByTestId("submission-state");
  await expect(state).toHaveAttribute("data-state", "submitted");
  await expect(state).toContainText("Waiting for review");
  await expect(state).toContainText("Decision: precompute nightly.");
  await expect(state.getByRole("link", { name: /docs\.example\.com\/design-note/ })).toBeVisible();
  await expect(page.getByRole("button", { name: /Hand in/ })).toHaveCount(0);
  await expect(page.getByTestId("step-status")).toHaveText("In review");

  // The manager returns it: the open page shows the public feedback, not the private note.
  const queue = await apiJson<{ items: { id: number; task_id: number }[] }>(managerApi, "GET", `/api/submissions?task_id=${task.id}&reviewable=true`);
  const first = queue.items.find((s) => s.task_id === task.id);
  if (!first) throw new Error("the manager does not see the submission");
  const privateNote = `Private note ${Date.now()}: compare with last quarter's notes.`;
  await apiJson(managerApi, "POST", `/api/submissions/${first.id}/review`, {
    decision: "return",
    public_feedback: "Please add the cost of each option.",
    private_feedback: privateNote,
  });
  await expect(state).toHaveAttribute("data-state", "returned");
  await expect(page.getByTestId("submission-feedback")).toHaveText("Please add the cost of each option.");
  await expect(page.locator("body")).not.toContainText(privateNote);
  await expectAccessible(page, "submission returned");

  // Handed in again, starting from the returned work.
  await expect(page.getByLabel("Your work", { exact: true })).toHaveValue(/Decision: precompute nightly\./);
  await page.getByLabel("Your work", { exact: true }).fill("Options: cache (2 days), precompute (4 days).\nDecision: precompute nightly.");
  await page.getByRole("button", { name: "Hand in again" }).click();
  await expect(state).toHaveAttribute("data-state", "submitted");
  await expect(page.getByText("1 earlier hand-in")).toBeVisible();

  // Accepted with a score and a rating.
  const second = (await apiJson<{ items: { id: number; state: string }[] }>(managerApi, "GET", `/api/submissions?task_id=${task.id}&reviewable=true&state=submitted`)).items[0];
  if (!second) throw new Error("the second hand-in is not in the queue");
  await apiJson(managerApi, "POST", `/api/submissions/${second.id}/review`, {
    decision: "accept",
    score: 0.9,
    technical_rating: 4,
    public_feedback: "Clear and well argued.",
    private_feedback: privateNote,
  });
  await expect(state).toHaveAttribute("data-state", "reviewed");
  await expect(page.getByTestId("submission-score")).toHaveText("90 %");
  await expect(page.getByTestId("submission-rating")).toHaveText("4 of 5");
  await expect(page.getByTestId("submission-feedback")).toHaveText("Clear and well argued.");
  await expect(page.locator("body")).not.toContainText(privateNote);
  await expect(page.getByTestId("task-progress")).toContainText("1 of 1 steps done");
  await expect(page.getByTestId("task-status")).toHaveText("Done");
  await expectAccessible(page, "submission reviewed");

  // The submitter's own reads never carry the private feedback.
  const own = await employeeApi.get(`/api/submissions?task_id=${task.id}&reviewable=false`);
  expect(await own.text()).not.toContain(privateNote);
});

test("a reading step has no page of its own, and a step of another task or person is not found", async ({ employeePage: page, employeeApi, managerApi }) => {
  const task = await assignTemplateTask(managerApi, employeeApi, "How we work at Northwind");
  const detail = await apiJson<{ steps: { id: number; kind: string }[] }>(employeeApi, "GET", `/api/tasks/${task.id}`);
  const reading = detail.steps.find((s) => s.kind === "instruction");
  if (!reading) throw new Error("the task has no reading step");
  // Sent on before anything streams: a real redirect, and a real 404 for a step that is not the task's.
  const redirected = await page.goto(`/tasks/${task.id}/steps/${reading.id}`);
  await expect(page).toHaveURL(new RegExp(`/tasks/${task.id}$`));
  expect(redirected?.request().redirectedFrom()?.url()).toMatch(new RegExp(`/tasks/${task.id}/steps/${reading.id}$`));

  // A step of another of her own tasks is not this task's step either.
  const exam = await assignTemplateTask(managerApi, employeeApi, "Security & data protection exam");
  const otherStep = (await apiJson<{ steps: { id: number }[] }>(employeeApi, "GET", `/api/tasks/${exam.id}`)).steps[0];
  if (!otherStep) throw new Error("the exam task has no steps");
  for (const stepId of [2_000_000_000, otherStep.id]) {
    const response = await page.goto(`/tasks/${task.id}/steps/${stepId}`);
    expect(response?.status(), `step ${stepId} under task ${task.id}`).toBe(404);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Not found");
  }

  // Another employee's exam task, whose quiz step exists: not found for this employee either.
  const people = await apiJson<{ items: { id: number; name: string }[] }>(managerApi, "GET", "/api/users?limit=100");
  const hannah = people.items.find((u) => u.name === "Hannah Lindqvist");
  if (!hannah) throw new Error("the demo organisation has no Hannah Lindqvist");
  const theirs = (await apiJson<{ items: { id: number; kind: string }[] }>(managerApi, "GET", `/api/tasks?assignee_id=${hannah.id}&limit=100`)).items.find((t) => t.kind === "exam");
  if (!theirs) throw new Error("Hannah has no exam task");
  const quiz = (await apiJson<{ steps: { id: number; kind: string }[] }>(managerApi, "GET", `/api/tasks/${theirs.id}`)).steps.find((s) => s.kind === "quiz");
  if (!quiz) throw new Error("Hannah's exam has no quiz step");
  const response = await page.goto(`/tasks/${theirs.id}/steps/${quiz.id}`);
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Not found");
});
