// The admin builds a small program in the browser — one milestone, one task, a checklist step and a
// quiz step (checked in the browser with the API's schema, previewed as the employee will see it,
// reordered with the keyboard) — publishes it, starts it for an employee and opens the project.
// The server's refusals show where the admin acts: a cycle of parent tasks, deleting a program in use.
import { expectAccessible } from "../support/a11y";
import { apiJson } from "../support/auth";
import { BuilderPage } from "./builder-page";
import { expect, test } from "./fixtures";

test.describe.configure({ timeout: 180_000 });

test("an admin builds, publishes and starts a program; deleting it in use is refused", async ({ adminPage: page }) => {
  const builder = new BuilderPage(page);
  const program = `Warehouse onboarding ${Date.now()}`;
  await builder.createProgram(program, 10);
  await expectAccessible(page, "new draft program");

  await builder.addMilestone("Week one", 8);
  await builder.addTask("Week one", "Safety walk");

  // A checklist step: an empty item is refused in the browser, beside its field.
  const checklist = await builder.newStep("Safety walk", "Checklist");
  await checklist.getByLabel("Name").fill("Walk the floor");
  await checklist.getByRole("button", { name: "Create step" }).click();
  await expect(checklist.getByLabel("Item 1", { exact: true })).toHaveAttribute("aria-invalid", "true");
  await expect(checklist.getByText("This field is required.")).toBeVisible();
  await expectAccessible(page, "checklist step editor");
  await checklist.getByLabel("Item 1", { exact: true }).fill("Find the emergency exits");
  await checklist.getByRole("button", { name: "Add item" }).click();
  await checklist.getByLabel("Item 2", { exact: true }).fill("Meet the shift lead");
  await checklist.getByRole("checkbox", { name: /Needs validation/ }).nth(1).check();
  await checklist.getByRole("button", { name: "Create step" }).click();
  await expect(builder.steps("Safety walk")).toHaveCount(1);

  // A quiz step, previewed as the employee sees it: the prompt and the choices, no answer key.
  const quiz = await builder.newStep("Safety walk", "Quiz");
  await quiz.getByLabel("Name").fill("Safety check");
  await quiz.getByLabel("Text of question 1").fill("Where do you meet after an alarm?");
  await quiz.getByLabel("Choice 1", { exact: true }).fill("At my desk");
  await quiz.getByLabel("Choice 2", { exact: true }).fill("At the assembly point");
  await quiz.getByRole("radio", { name: "Choice 2 is correct" }).check();
  await quiz.getByLabel("Pass mark (%)").fill("100");
  await quiz.getByRole("button", { name: "Preview" }).click();
  const preview = quiz.getByTestId("quiz-preview");
  await expect(preview).toContainText("Where do you meet after an alarm?");
  await expect(preview).toContainText("Pass mark 100%");
  await expect(preview.getByRole("radio", { name: "At the assembly point" })).not.toBeChecked();
  await expect(preview.getByText(/correct/i)).toHaveCount(0);
  await expectAccessible(page, "quiz preview");
  await quiz.getByRole("button", { name: "Questions" }).click();
  await quiz.getByRole("button", { name: "Create step" }).click();
  await expect(builder.steps("Safety walk")).toHaveCount(2);

  // Reordered with the keyboard: the quiz moves above the checklist, saved through the task's step links.
  // Each key waits for the screen-reader announcement of where the step is, as dnd-kit's keyboard
  // sensor needs the pick-up to land before the move.
  const saved = page.waitForResponse((r) => r.url().includes("/steps") && r.request().method() === "PUT");
  const announcement = page.getByRole("status").filter({ hasText: "Safety check" });
  await builder.task("Safety walk").getByRole("button", { name: "Move Safety check" }).focus();
  await page.keyboard.press("Space");
  // Picked up: announced as such, then at once as over its own place.
  await expect(announcement).toHaveText(/^(Picked up Safety check, position|Safety check is at position) 2 of 2\.$/);
  await page.keyboard.press("ArrowUp");
  await expect(announcement).toContainText("Safety check is at position 1 of 2.");
  await page.keyboard.press("Space");
  await expect(announcement).toContainText("Safety check was dropped at position 1 of 2.");
  expect((await saved).status()).toBe(200);
  await expect(builder.steps("Safety walk").first()).toContainText("Safety check");
  await page.reload();
  await builder.openTask("Safety walk");
  await expect(builder.steps("Safety walk").first()).toContainText("Safety check");
  await expect(builder.steps("Safety walk").nth(1)).toContainText("Walk the floor");

  // Publishing shows what it freezes, then freezes it.
  await page.getByRole("button", { name: "Publish…" }).click();
  const frozen = page.getByRole("list", { name: "Drafts published with the program" });
  for (const name of [program, "Week one", "Safety walk", "Safety check", "Walk the floor"]) await expect(frozen).toContainText(name);
  await page.getByRole("button", { name: "Publish now" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Published." })).toBeVisible();
  await expect(page.getByText("Published · revision 1").first()).toBeVisible();
  await expect(page.getByRole("button", { name: "Publish…" })).toHaveCount(0);

  // Started for an employee who has no program yet; the project it created opens.
  await page.getByRole("button", { name: "Start for an employee" }).click();
  await page.getByLabel("Find a person").fill("Sarah Kim");
  await page.getByRole("radio", { name: /Sarah Kim/ }).check();
  await page.getByRole("button", { name: "Start for Sarah Kim" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Started for Sarah Kim." })).toBeVisible();
  await expect(page.getByText("In use by 1 project")).toBeVisible();
  const programUrl = page.url();
  await page.getByRole("link", { name: `Open the project “${program}”` }).click();
  await page.waitForURL(/\/timeline\?project=\d+/);
  await expect(page.getByRole("heading", { name: program })).toBeVisible();
  await expect(page.getByText("Week one", { exact: true })).toBeVisible();

  // Deleting the program now is refused, with the server's reason.
  await page.goto(programUrl);
  await page.getByRole("button", { name: "Delete…" }).click();
  await page.getByRole("button", { name: "Delete program" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "published (revision 1) and frozen, so it cannot be deleted" })).toBeVisible();
  await expect(page).toHaveURL(programUrl);

  // A new version is a draft of the next revision; the running project keeps revision 1.
  await page.getByRole("button", { name: "New version" }).click();
  await page.waitForURL((url) => url.href !== programUrl && /\/admin\/templates\/\d+$/.test(url.pathname));
  await expect(page.getByRole("heading", { level: 1, name: program })).toBeVisible();
  await expect(page.getByText("Draft · revision 2")).toBeVisible();
  await expect(builder.milestone("Week one").getByRole("button", { name: "New version: Week one" })).toBeVisible();
});

test("publishing an incomplete program lists the server's problems and freezes nothing", async ({ adminPage: page }) => {
  const builder = new BuilderPage(page);
  await builder.createProgram(`Incomplete ${Date.now()}`, 5);
  await builder.addMilestone("Empty week", 2);
  await page.getByRole("button", { name: "Publish…" }).click();
  await page.getByRole("button", { name: "Publish now" }).click();
  const refusal = page.getByRole("alert").filter({ hasText: "cannot be published yet" });
  await expect(refusal).toContainText("“Empty week”");
  await expect(refusal).toContainText("needs at least one task template");
  await expectAccessible(page, "refused publish");
  await expect(page.getByText("Draft · revision 1").first()).toBeVisible();
});

test("a cycle of parent tasks is refused with the server's message", async ({ adminPage: page, adminApi }) => {
  const builder = new BuilderPage(page);
  await builder.createProgram(`Cycle check ${Date.now()}`, 5);
  await builder.addMilestone("Basics", 4);
  await builder.addTask("Basics", "First");
  await builder.addTask("Basics", "Second");

  await builder.openTask("Second");
  await builder.task("Second").getByRole("button", { name: "Edit task" }).click();
  await builder.task("Second").getByRole("checkbox", { name: "First" }).check();
  await builder.task("Second").getByRole("button", { name: "Save" }).click();
  await expect(builder.task("Second")).toContainText("Parents: First");

  await builder.openTask("First");
  await builder.task("First").getByRole("button", { name: "Edit task" }).click();
  await builder.task("First").getByRole("checkbox", { name: "Second" }).check();
  await builder.task("First").getByRole("button", { name: "Save" }).click();
  await expect(builder.task("First").getByRole("alert")).toContainText("These parents would form a cycle");

  // Nothing of the cycle was stored.
  const program = await apiJson<{ milestones: { task_templates: { id: number; name: string }[] }[] }>(adminApi, "GET", `/api/project-templates/${builder.programId()}`);
  const first = program.milestones[0]?.task_templates.find((t) => t.name === "First");
  const detail = await apiJson<{ parents: unknown[] }>(adminApi, "GET", `/api/task-templates/${first?.id ?? 0}`);
  expect(detail.parents).toEqual([]);
});
