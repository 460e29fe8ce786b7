// The employee's exam: started from the task page, a running countdown, every answer saved as it
// is given (and still there after a reload), the submit graded on the server with a result that
// says right or wrong per question without giving the right answers away (also when the page is
// read again later), a second attempt after a failed one, and the task's and the program's
// progress moving once passed.
import type { Page, Response } from "@playwright/test";
import { expectAccessible } from "../support/a11y";
import { assignTemplateTask } from "../support/arrange";
import { expect, test } from "../support/fixtures";
import { OnboardingPage } from "../support/pages/onboarding-page";
import { TaskPage } from "../support/pages/task-page";
import { ExamPage, SECURITY_EXAM as E, stepIdOf } from "./exam-page";

/** The shapes an answer key would have on the wire: a choice id or list as `correct`, accepted texts. */
const ANSWER_KEY = /"correct"\s*:\s*["[]|accepted_answers|case_sensitive/;

/** Every page and API answer the browser receives, to check that none carries an answer key. */
function recordAnswers(page: Page): () => Promise<string[]> {
  const seen: Response[] = [];
  page.on("response", (response) => {
    const type = response.request().resourceType();
    if (type === "document" || type === "fetch" || type === "xhr") seen.push(response);
  });
  return async () => {
    const leaks: string[] = [];
    for (const response of seen) {
      const body = await response.text().catch(() => "");
      if (ANSWER_KEY.test(body)) leaks.push(response.url());
    }
    return leaks;
  };
}

test("an employee passes an exam: countdown, answers saved, graded result, progress moves", async ({ employeePage: page, employeeApi, managerApi }) => {
  const leaks = recordAnswers(page);
  const task = await assignTemplateTask(managerApi, employeeApi, E.template);
  const onboarding = new OnboardingPage(page);
  await onboarding.goto();
  const before = await onboarding.overallProgress();

  // From the task page to the exam.
  const taskPage = new TaskPage(page);
  await taskPage.goto(task.id);
  await taskPage.step(E.step).getByRole("link", { name: "Take the exam" }).click();
  await expect(page).toHaveURL(new RegExp(`/tasks/${task.id}/steps/\\d+$`));
  const exam = new ExamPage(page);
  await expect(page.getByRole("heading", { level: 1 })).toContainText(E.step);
  await expect(page.getByTestId("task-progress")).toContainText("0 of 1 steps done");
  await expect(page.getByTestId("exam-intro")).toContainText("20 min");
  await expectAccessible(page, "exam before the start");

  // The server starts the attempt and fixes its deadline: 20 minutes, counting down.
  await exam.start();
  await expect(exam.timer()).toHaveAttribute("data-state", "running");
  await expect(page.getByRole("timer", { name: "Time left" })).toHaveText(/^(19|20):\d\d$/);
  await expect(page.getByTestId("exam-attempt")).toContainText(/Ends at \d{1,2}:\d\d/);
  await expect(page.locator("li[data-testid^=question-]")).toHaveCount(4);

  // Each answer is saved as it is given; a reload finds them all, and the same deadline.
  await exam.choose(E.phishing.prompt, E.phishing.right);
  await exam.choose(E.secrets.prompt, ...E.secrets.right);
  await exam.type(E.gdpr.prompt, E.gdpr.right);
  await expect(page.getByTestId("exam-save-state")).toContainText("3 of 4 answered");
  await expect(page.getByTestId("exam-save-state")).toHaveAttribute("data-state", "saved");
  await expectAccessible(page, "exam in progress");
  await page.reload();
  await expect(page.getByTestId("exam-attempt")).toBeVisible();
  await expect(exam.question(E.phishing.prompt).getByLabel(E.phishing.right, { exact: true })).toBeChecked();
  await expect(exam.question(E.secrets.prompt).getByLabel(E.secrets.right[1], { exact: true })).toBeChecked();
  await expect(exam.question(E.gdpr.prompt).getByRole("textbox")).toHaveValue(E.gdpr.right);
  await expect(exam.question(E.laptop.prompt).getByLabel(E.laptop.right, { exact: true })).not.toBeChecked();
  await exam.choose(E.laptop.prompt, E.laptop.right);

  await exam.submit();
  await expect(exam.result()).toHaveAttribute("data-passed", "true");
  await expect(page.getByRole("heading", { name: "Passed" })).toBeFocused();
  await expect(page.getByTestId("exam-score")).toHaveText("100 %");
  await expect(exam.result()).toContainText("4 of 4 questions right. The pass mark is 70 %.");
  for (const q of [E.phishing, E.secrets, E.laptop, E.gdpr]) await expect(exam.verdict(q.prompt)).toHaveAttribute("data-correct", "true");
  await expect(page.getByTestId("exam-attempts-left")).toHaveText("You used 1 of 3 attempts.");
  await expect(exam.result().getByRole("button", { name: "Try again" })).toHaveCount(0);
  await expectAccessible(page, "exam result");

  // Read again later (a reload), the page shows the same grade, question by question.
  await page.reload();
  await expect(exam.result()).toHaveAttribute("data-passed", "true");
  await expect(page.getByTestId("exam-result-attempt")).toHaveText("Your result in attempt 1");
  await expect(page.getByTestId("exam-score")).toHaveText("100 %");
  for (const q of [E.phishing, E.secrets, E.laptop, E.gdpr]) await expect(exam.verdict(q.prompt)).toHaveAttribute("data-correct", "true");
  await expect(exam.verdict(E.gdpr.prompt)).toContainText(`Your answer: ${E.gdpr.right}`);
  await expect(page.getByTestId("exam-blocked")).toHaveText("This exam is complete.");

  // The step, the task and the program moved.
  await expect(page.getByTestId("task-progress")).toContainText("1 of 1 steps done");
  await expect(page.getByTestId("task-status")).toHaveText("Done");
  await onboarding.goto();
  expect(await onboarding.overallProgress()).toEqual({ done: before.done + 1, total: before.total });
  expect(await leaks()).toEqual([]);
});

test("a failed attempt shows right and wrong without the right answers, and another attempt passes", async ({ employeePage: page, employeeApi, managerApi }) => {
  const leaks = recordAnswers(page);
  const task = await assignTemplateTask(managerApi, employeeApi, E.template);
  const exam = new ExamPage(page);
  await exam.goto(task.id, stepIdOf(task, E.step));
  await exam.start();

  await exam.choose(E.phishing.prompt, E.phishing.wrong);
  await exam.choose(E.secrets.prompt, E.secrets.right[0], E.secrets.wrong);
  await exam.choose(E.laptop.prompt, E.laptop.right);
  // One question left open: the confirmation says so before anything is sent.
  await page.getByRole("button", { name: "Submit answers…" }).click();
  await expect(page.getByTestId("exam-confirm")).toContainText("1 question is unanswered and counts as wrong.");
  await page.getByRole("button", { name: "Keep answering" }).click();
  await exam.submit();

  await expect(exam.result()).toHaveAttribute("data-passed", "false");
  await expect(page.getByRole("heading", { name: "Not passed" })).toBeVisible();
  // Points: q1 1, q2 2, q3 1, q4 1 → 1 of 5.
  await expect(page.getByTestId("exam-score")).toHaveText("20 %");
  await expect(exam.verdict(E.phishing.prompt)).toHaveAttribute("data-correct", "false");
  await expect(exam.verdict(E.phishing.prompt)).toContainText(`Your answer: ${E.phishing.wrong}`);
  await expect(exam.verdict(E.secrets.prompt)).toHaveAttribute("data-correct", "false");
  await expect(exam.verdict(E.laptop.prompt)).toHaveAttribute("data-correct", "true");
  await expect(exam.verdict(E.gdpr.prompt)).toContainText("You did not answer this question.");
  // Wrong, and nothing says what would have been right.
  await expect(exam.result()).not.toContainText(E.phishing.right);
  await expect(exam.result()).not.toContainText(E.secrets.right[1]);
  await expect(exam.result()).not.toContainText(E.gdpr.right);
  await expect(page.getByTestId("exam-attempts-left")).toHaveText("You have 2 attempts left.");
  await expect(page.getByTestId("task-progress")).toContainText("0 of 1 steps done");

  // After a reload the graded attempt is still there, right and wrong per question, and still
  // without the right answers; its "Try again" is the one way to start the next attempt.
  await page.reload();
  await expect(exam.result()).toHaveAttribute("data-passed", "false");
  await expect(page.getByTestId("exam-score")).toHaveText("20 %");
  await expect(exam.verdict(E.phishing.prompt)).toHaveAttribute("data-correct", "false");
  await expect(exam.verdict(E.phishing.prompt)).toContainText(`Your answer: ${E.phishing.wrong}`);
  await expect(exam.verdict(E.secrets.prompt)).toHaveAttribute("data-correct", "false");
  await expect(exam.verdict(E.laptop.prompt)).toHaveAttribute("data-correct", "true");
  await expect(exam.verdict(E.gdpr.prompt)).toContainText("You did not answer this question.");
  await expect(exam.result()).not.toContainText(E.phishing.right);
  await expect(exam.result()).not.toContainText(E.gdpr.right);
  await expect(page.getByTestId("exam-attempts-left")).toHaveText("You have 2 attempts left.");
  await expect(page.getByTestId("exam-start")).toHaveCount(0);
  await expectAccessible(page, "exam result read again");

  await exam.result().getByRole("button", { name: "Try again" }).click();
  await expect(page.getByTestId("exam-attempt")).toHaveAttribute("data-attempt", "2");
  await expect(exam.timer()).toHaveAttribute("data-state", "running");
  // A new attempt starts empty.
  await expect(exam.question(E.phishing.prompt).getByLabel(E.phishing.wrong, { exact: true })).not.toBeChecked();
  await exam.passAll();
  await exam.submit();
  await expect(exam.result()).toHaveAttribute("data-passed", "true");
  await expect(page.getByTestId("exam-attempts-left")).toHaveText("You used 2 of 3 attempts.");
  await expect(page.getByTestId("task-progress")).toContainText("1 of 1 steps done");

  // Back on the page later: the exam is complete and lists both attempts.
  await page.reload();
  await expect(page.getByTestId("exam-blocked")).toHaveText("This exam is complete.");
  await expect(page.getByTestId("exam-intro")).toContainText("Attempt 1");
  await expect(page.getByTestId("exam-intro")).toContainText("Attempt 2");
  await expect(page.getByTestId("exam-result-attempt")).toHaveText("Your result in attempt 2");
  await expect(exam.result()).toHaveAttribute("data-passed", "true");
  expect(await leaks()).toEqual([]);
});

test("when the time runs out, the page says so and submits what was answered", async ({ employeePage: page, employeeApi, managerApi }) => {
  const task = await assignTemplateTask(managerApi, employeeApi, E.template);
  const exam = new ExamPage(page);
  // The browser's clock runs ahead of the server's: the server still accepts the submit.
  await page.clock.install();
  await exam.goto(task.id, stepIdOf(task, E.step));
  await exam.start();
  await exam.passAll();
  await page.clock.fastForward("18:30");
  await expect(exam.timer()).toHaveAttribute("data-state", "warning");
  await expect(page.getByTestId("exam-attempt")).toContainText(/Less than [12] minutes? left\./);
  await page.clock.fastForward("02:00");
  await expect(exam.result()).toHaveAttribute("data-passed", "true");
  await expect(page.getByTestId("exam-timed-out")).toHaveText("The time ran out, so your answers were submitted for you.");
  await expect(page.getByTestId("task-progress")).toContainText("1 of 1 steps done");
});

test("a submit the server refuses as too late shows the server's reason", async ({ employeePage: page, employeeApi, managerApi }) => {
  const task = await assignTemplateTask(managerApi, employeeApi, E.template);
  const exam = new ExamPage(page);
  await page.clock.install();
  await exam.goto(task.id, stepIdOf(task, E.step));
  await exam.start();
  await exam.choose(E.laptop.prompt, E.laptop.right);
  // Past the deadline and its grace period the server answers 409 (lib/exams proves it refuses);
  // here the browser's clock jumps there and the server's answer is the one it gives then.
  const detail = "The time limit of this attempt has passed (including its grace period); it can no longer be changed or submitted.";
  await page.route("**/api/exam-attempts/*/submit", (route) =>
    route.fulfill({ status: 409, contentType: "application/problem+json", body: JSON.stringify({ title: "Conflict", status: 409, detail }) }),
  );
  await page.clock.fastForward("21:00");
  await expect(page.getByTestId("exam-notice")).toContainText(detail);
  await expect(page.getByTestId("exam-attempt")).toHaveCount(0);
  await expectAccessible(page, "exam refused as too late");
});
