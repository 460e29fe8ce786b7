// The template builder as an admin uses it: the program list, one program's tree, and the forms
// of each level, found by the names and labels a person reads.
import type { Locator, Page } from "@playwright/test";
import { expect } from "./fixtures";

export class BuilderPage {
  constructor(readonly page: Page) {}

  async createProgram(name: string, days: number) {
    await this.page.goto("/admin/templates");
    await this.page.getByRole("button", { name: "New program" }).click();
    const form = this.page.getByRole("form", { name: "New program" });
    await form.getByLabel("Name").fill(name);
    await form.getByLabel("Length in days").fill(String(days));
    await form.getByRole("button", { name: "Create draft" }).click();
    await this.page.waitForURL(/\/admin\/templates\/\d+$/);
    await expect(this.page.getByRole("heading", { level: 1, name })).toBeVisible();
  }

  programId(): number {
    return Number(/\/admin\/templates\/(\d+)/.exec(this.page.url())?.[1]);
  }

  milestone(name: string): Locator {
    return this.page.getByRole("region", { name });
  }

  task(name: string): Locator {
    return this.page.locator("[data-testid^=task-]").filter({ has: this.page.getByRole("button", { name, exact: true }) });
  }

  async addMilestone(name: string, hours: number) {
    await this.page.getByRole("button", { name: "Add milestone" }).click();
    const form = this.page.getByRole("form", { name: "New milestone" });
    await form.getByLabel("Name").fill(name);
    await form.getByLabel("Expected hours").fill(String(hours));
    await form.getByRole("button", { name: "Create" }).click();
    await expect(this.milestone(name)).toBeVisible();
  }

  async addTask(milestone: string, name: string, kind: "Task" | "Exam" = "Task") {
    await this.milestone(milestone).getByRole("button", { name: `Add task to ${milestone}` }).click();
    const form = this.page.getByRole("form", { name: `New task in ${milestone}` });
    await form.getByLabel("Name").fill(name);
    await form.getByLabel("Kind").selectOption({ label: kind });
    await form.getByRole("button", { name: "Create" }).click();
    await expect(this.task(name)).toBeVisible();
  }

  async openTask(name: string) {
    const toggle = this.task(name).getByRole("button", { name, exact: true });
    if ((await toggle.getAttribute("aria-expanded")) !== "true") await toggle.click();
  }

  /** Opens the step editor for a new step of a kind and returns its form. */
  async newStep(task: string, kind: "Instruction" | "Checklist" | "Quiz" | "Submission"): Promise<Locator> {
    await this.openTask(task);
    await this.task(task).getByLabel("New step").selectOption({ label: kind });
    await this.task(task).getByRole("button", { name: "Add step" }).click();
    return this.page.getByRole("form", { name: `New ${kind} step` });
  }

  steps(task: string): Locator {
    return this.task(task).locator("[data-testid^=step-]");
  }
}
