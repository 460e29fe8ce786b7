// Asking for help from a task: the form checks its fields with the API's own zod schema and says
// what is wrong beside the field; a valid request is filed and waits for the manager.
import { expectAccessible } from "../support/a11y";
import { assignTemplateTask } from "../support/arrange";
import { expect, test } from "../support/fixtures";
import { TaskPage } from "../support/pages/task-page";

test("asking for help: field errors first, then a request that waits for approval", async ({ employeePage: page, employeeApi, managerApi }) => {
  const task = await assignTemplateTask(managerApi, employeeApi, "Meet your onboarding buddy");
  const taskPage = new TaskPage(page);
  await taskPage.goto(task.id);
  await page.getByRole("button", { name: "Ask for help" }).click();
  const form = page.getByRole("form", { name: "Ask for help" });

  await form.getByLabel("What do you need?").fill("   ");
  await form.getByLabel("Who can help?").selectOption("");
  await form.getByRole("button", { name: "Send request" }).click();
  await expect(form.getByLabel("What do you need?")).toHaveAttribute("aria-invalid", "true");
  await expect(form.getByText("This field is required.")).toHaveCount(2);
  await expectAccessible(page, "help form with field errors");

  const title = `Help with the buddy call ${Date.now()}`;
  await form.getByLabel("What do you need?").fill(title);
  await form.getByLabel("Details").fill("Who should I ask to be my buddy?");
  await form.getByLabel("Who can help?").selectOption({ label: "Marcus Chen (your manager)" });
  await form.getByRole("button", { name: "Send request" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Request sent." })).toContainText("waits for your manager's approval");

  await page.getByRole("link", { name: "See your requests" }).click();
  const filed = page.locator("[data-testid^=request-]").filter({ hasText: title });
  await expect(filed).toContainText("Pending approval");
  await expect(filed.getByRole("link", { name: "Open the task it is about" })).toHaveAttribute("href", `/tasks/${task.id}`);
});
