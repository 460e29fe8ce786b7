// Asking for help from a task: the form checks its fields with the API's own zod schema and says
// what is wrong beside the field, the server's field issues show there too, a refusal keeps what
// was typed, and a valid request is filed and waits for the manager.
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

  const details = "Who should I ask to be my buddy?";
  await form.getByLabel("What do you need?").fill("   ");
  await form.getByLabel("Details").fill(details);
  await form.getByLabel("Who can help?").selectOption("");
  await form.getByRole("button", { name: "Send request" }).click();
  await expect(form.getByLabel("What do you need?")).toHaveAttribute("aria-invalid", "true");
  await expect(form.getByText("This field is required.")).toHaveCount(2);
  // Refused in the browser: what was typed stays.
  await expect(form.getByLabel("Details")).toHaveValue(details);
  await expectAccessible(page, "help form with field errors");

  const title = `Help with the buddy call ${Date.now()}`;
  await form.getByLabel("What do you need?").fill(title);
  await form.getByLabel("Who can help?").selectOption({ label: "Marcus Chen (your manager)" });

  // A field issue from the server (here the answer the API gives for a title it refuses) shows
  // beside its field, and the form keeps everything typed so far.
  await page.route("**/api/task-requests", (route) =>
    route.request().method() === "POST"
      ? route.fulfill({
          status: 422,
          contentType: "application/problem+json",
          body: JSON.stringify({ title: "Unprocessable Content", status: 422, detail: "The request is not valid.", errors: [{ path: "title", message: "Enter a title." }] }),
        })
      : route.fallback(),
  );
  await form.getByRole("button", { name: "Send request" }).click();
  await expect(form.getByText("Enter a title.")).toBeVisible();
  await expect(form.getByLabel("What do you need?")).toHaveAttribute("aria-invalid", "true");
  await expect(form.getByLabel("What do you need?")).toHaveValue(title);
  await expect(form.getByLabel("Details")).toHaveValue(details);
  await expect(form.getByLabel("Who can help?").locator("option:checked")).toHaveText("Marcus Chen (your manager)");
  await page.unroute("**/api/task-requests");

  await form.getByRole("button", { name: "Send request" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Request sent." })).toContainText("waits for your manager's approval");

  await page.getByRole("link", { name: "See your requests" }).click();
  const filed = page.locator("[data-testid^=request-]").filter({ hasText: title });
  await expect(filed).toContainText("Pending approval");
  await expect(filed.getByRole("link", { name: "Open the task it is about" })).toHaveAttribute("href", `/tasks/${task.id}`);
});
