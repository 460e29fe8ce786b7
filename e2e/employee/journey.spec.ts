// The employee's way through a task: steps in order, a sequential checklist whose later items
// stay locked (and are refused by the server when tried), an item that waits for its guide until
// the guide is read and acknowledged, and the program's progress moving once the task is done.
import { expectAccessible } from "../support/a11y";
import { assignTemplateTask, linkNewGuide } from "../support/arrange";
import { expect, test } from "../support/fixtures";
import { OnboardingPage } from "../support/pages/onboarding-page";
import { TaskPage } from "../support/pages/task-page";

const FIRST = "Sign in with the temporary password and choose your own";
const ENCRYPTION = "Enable full-disk encryption";
const PASSWORD_MANAGER = "Install the company password manager";
const TWO_FACTOR = "Set up two-factor authentication for SSO";
const CHAT = "Join the company chat and introduce yourself in #new-joiners";

test("an employee completes a task: ordered checklist, guide acknowledged, progress moves", async ({ employeePage: page, employeeApi, managerApi, adminApi }) => {
  const task = await assignTemplateTask(managerApi, employeeApi, "Set up your workstation");
  const encryptionItem = task.checklists[0]?.items.find((i) => i.title === ENCRYPTION);
  if (!encryptionItem) throw new Error("the workstation checklist has no encryption item");
  const guideTitle = `Encryption check ${Date.now()}`;
  await linkNewGuide(adminApi, encryptionItem.id, guideTitle);

  const onboarding = new OnboardingPage(page);
  await onboarding.goto();
  const before = await onboarding.overallProgress();

  const taskPage = new TaskPage(page);
  await taskPage.goto(task.id);
  await expect(taskPage.status()).toHaveText("To do");
  await expectAccessible(page, "task page");

  await taskPage.markStepDone("Before you set up");
  await expect(taskPage.status()).toHaveText("In progress");

  // Out of order: the third item is locked, and the server refuses it with its reason.
  await expect(taskPage.item(PASSWORD_MANAGER)).toHaveAttribute("data-state", "locked");
  await expect(taskPage.item(PASSWORD_MANAGER)).toContainText(`Locked until “${FIRST}” is done.`);
  await taskPage.completeButton(PASSWORD_MANAGER).click();
  await expect(taskPage.item(PASSWORD_MANAGER).getByRole("alert")).toContainText(`Complete ‘${FIRST}’ first`);
  await expect(taskPage.item(PASSWORD_MANAGER)).toHaveAttribute("data-state", "locked");

  await taskPage.completeItem(FIRST);

  // The encryption item waits for its guide: asked to complete, it waits for validation.
  await expect(taskPage.item(ENCRYPTION)).toContainText(`read and acknowledge “${guideTitle}”`);
  await taskPage.completeItem(ENCRYPTION, "pending_validation");
  await expect(taskPage.completeButton(ENCRYPTION)).toBeDisabled();

  // Reading the guide and acknowledging it lets the item complete.
  await taskPage.item(ENCRYPTION).getByRole("link", { name: `read and acknowledge “${guideTitle}”` }).click();
  await expect(taskPage.guide(guideTitle)).toContainText("Keep the recovery key in the password manager.");
  await taskPage.acknowledgeGuide(guideTitle);
  await expect(taskPage.item(ENCRYPTION)).toContainText("Guide acknowledged");
  await taskPage.completeItem(ENCRYPTION);

  await taskPage.completeItem(PASSWORD_MANAGER);
  await taskPage.completeItem(TWO_FACTOR);
  await taskPage.completeItem(CHAT);

  // The last item completes the checklist, its step and so the task.
  await expect(taskPage.status()).toHaveText("Done");
  await expect(page.getByTestId("task-progress")).toContainText("2 of 2 steps done");

  await onboarding.goto();
  const after = await onboarding.overallProgress();
  expect(after).toEqual({ done: before.done + 1, total: before.total });
});
