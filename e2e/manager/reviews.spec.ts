// The manager's review queues: a checklist item signed off, and submitted work accepted with a score,
// a technical rating and feedback — the form checks the score and the rating before sending.
import { apiJson } from "../support/auth";
import { expect, test } from "../support/fixtures";
import { itemAwaitingValidation, submittedWork } from "./arrange";

test("the manager validates a checklist item waiting for them", async ({ managerPage: page, managerApi, employeeApi }) => {
  const item = await itemAwaitingValidation(managerApi, employeeApi);
  await page.goto("/manager/reviews");
  const row = page.getByTestId(`validation-${item.itemId}`);
  await expect(row).toContainText(item.title);
  await row.getByRole("button", { name: `Validate: ${item.title}` }).click();
  await expect(row).toHaveCount(0);
  await expect(page.getByTestId("validations-status")).toContainText(item.title);

  const task = await apiJson<{ checklists: { items: { id: number; status: string | null; validated_by: number | null }[] }[] }>(employeeApi, "GET", `/api/tasks/${item.taskId}`);
  const validated = task.checklists.flatMap((c) => c.items).find((i) => i.id === item.itemId);
  expect(validated?.status).toBe("done");
  expect(validated?.validated_by).not.toBeNull();
});

test("the manager reviews submitted work: score and rating are checked, then the work is accepted", async ({ managerPage: page, managerApi, employeeApi }) => {
  const work = await submittedWork(managerApi, employeeApi, "# Design note\n\nProblem, options and the **decision**.");
  await page.goto("/manager/reviews");
  const entry = page.getByTestId(`submission-${work.submissionId}`);
  await expect(entry.getByText("Problem, options and the")).toBeVisible();

  await entry.getByRole("button", { name: "Send review" }).click();
  await expect(entry.getByText("Give a score from 0 to 1 when accepting.")).toBeVisible();
  await expect(entry.getByText("This step is rated: choose a rating from 1 to 5.")).toBeVisible();
  await entry.getByLabel("Score (0 to 1)").fill("1.5");
  await entry.getByRole("button", { name: "Send review" }).click();
  await expect(entry.getByLabel("Score (0 to 1)")).toHaveAttribute("aria-invalid", "true");
  expect((await apiJson<{ state: string }>(managerApi, "GET", `/api/submissions/${work.submissionId}`)).state).toBe("submitted");

  await entry.getByLabel("Score (0 to 1)").fill("0.8");
  await entry.getByRole("radio", { name: "4" }).check();
  await entry.getByLabel("Feedback for the author").fill("Clear options; say more about rollback.");
  await entry.getByLabel("Private notes").fill("Ready for a bigger project.");
  await entry.getByRole("button", { name: "Send review" }).click();
  await expect(page.getByTestId("reviews-status")).toContainText("Accepted");
  await expect(entry).toBeHidden();

  const reviewed = await apiJson<{ state: string; score: number; technical_rating: number; public_feedback: string; private_feedback?: string }>(
    managerApi,
    "GET",
    `/api/submissions/${work.submissionId}`,
  );
  expect(reviewed).toMatchObject({ state: "reviewed", score: 0.8, technical_rating: 4, public_feedback: "Clear options; say more about rollback.", private_feedback: "Ready for a bigger project." });
  // The author reads the feedback, never the private notes.
  const own = await apiJson<Record<string, unknown>>(employeeApi, "GET", `/api/submissions/${work.submissionId}`);
  expect(own).not.toHaveProperty("private_feedback");
});
