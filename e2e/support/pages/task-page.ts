// The task page as a person uses it: steps, checklist items with their state, guides, refusals.
import type { Locator, Page } from "@playwright/test";
import { expect } from "../fixtures";

export class TaskPage {
  constructor(readonly page: Page) {}

  async goto(taskId: number) {
    const response = await this.page.goto(`/tasks/${taskId}`);
    await expect(this.page.getByRole("heading", { level: 1 })).toBeVisible();
    return response;
  }

  status(): Locator {
    return this.page.getByTestId("task-status");
  }

  step(name: string): Locator {
    return this.page.locator("[data-testid^=step-]").filter({ has: this.page.getByRole("heading", { level: 2, name }) });
  }

  async markStepDone(name: string) {
    await this.page.getByRole("button", { name: `Mark as done: ${name}` }).click();
    await expect(this.step(name).getByText("Done", { exact: true })).toBeVisible();
  }

  item(title: string): Locator {
    return this.page.locator("[data-testid^=item-]").filter({ has: this.page.getByText(title, { exact: true }) });
  }

  completeButton(title: string): Locator {
    return this.item(title).getByRole("button", { name: new RegExp(`: ${escape(title)}$`) });
  }

  async completeItem(title: string, expectedState: "done" | "pending_validation" = "done") {
    await this.completeButton(title).click();
    await expect(this.item(title)).toHaveAttribute("data-state", expectedState);
  }

  guide(title: string): Locator {
    return this.page.locator("article[id^=guide-]").filter({ has: this.page.getByRole("heading", { name: title }) });
  }

  async acknowledgeGuide(title: string) {
    const card = this.guide(title);
    await card.getByRole("button", { name: `I have read this guide: ${title}` }).click();
    await expect(card.getByTestId("guide-acknowledged")).toBeVisible();
  }
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
