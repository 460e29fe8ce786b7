// The exam page as a person uses it: questions found by their prompt, answers given by the
// choice's label, the save marks, the countdown, the submit and the result.
import type { Locator, Page } from "@playwright/test";
import { expect } from "../support/fixtures";

/** The demo's "Security & data protection quiz", with the answers that pass it. */
export const SECURITY_EXAM = {
  template: "Security & data protection exam",
  step: "Security & data protection quiz",
  phishing: { prompt: "You receive an unexpected mail asking you to confirm your SSO password. What do you do?", right: "Report it with the Report phishing button", wrong: "Reply with the password" },
  secrets: { prompt: "Where may secrets such as API keys be stored?", right: ["The password manager", "The secrets vault used by CI"], wrong: "A ticket comment" },
  laptop: { prompt: "You lost your laptop on the train. When do you call the IT hotline?", right: "Immediately", wrong: "Next working day" },
  gdpr: { prompt: "What does GDPR stand for?", right: "General Data Protection Regulation" },
} as const;

export class ExamPage {
  constructor(readonly page: Page) {}

  async goto(taskId: number, stepId: number) {
    await this.page.goto(`/tasks/${taskId}/steps/${stepId}`);
    await expect(this.page.getByRole("heading", { level: 1 })).toBeVisible();
  }

  question(prompt: string): Locator {
    return this.page.locator("li[data-testid^=question-]").filter({ hasText: prompt });
  }

  saveMark(prompt: string): Locator {
    return this.question(prompt).locator("[data-testid$=-saved]");
  }

  async choose(prompt: string, ...choices: string[]) {
    for (const choice of choices) await this.question(prompt).getByLabel(choice, { exact: true }).check();
    await expect(this.saveMark(prompt)).toHaveAttribute("data-state", "saved");
  }

  async type(prompt: string, text: string) {
    await this.question(prompt).getByRole("textbox").fill(text);
    await expect(this.saveMark(prompt)).toHaveAttribute("data-state", "saved");
  }

  timer(): Locator {
    return this.page.getByTestId("exam-timer");
  }

  async start(name: RegExp | string = "Start the exam") {
    await this.page.getByRole("button", { name }).click();
    await expect(this.page.getByTestId("exam-attempt")).toBeVisible();
  }

  async submit() {
    await this.page.getByRole("button", { name: "Submit answers…" }).click();
    await this.page.getByTestId("exam-confirm").getByRole("button", { name: "Submit answers", exact: true }).click();
    await expect(this.result()).toBeVisible();
  }

  result(): Locator {
    return this.page.getByTestId("exam-result");
  }

  verdict(prompt: string): Locator {
    return this.result().locator("li[data-testid^=verdict-]").filter({ hasText: prompt });
  }

  async passAll() {
    const e = SECURITY_EXAM;
    await this.choose(e.phishing.prompt, e.phishing.right);
    await this.choose(e.secrets.prompt, ...e.secrets.right);
    await this.choose(e.laptop.prompt, e.laptop.right);
    await this.type(e.gdpr.prompt, e.gdpr.right);
  }
}

/** The id of the task's step called `name`, read through the API as the task's owner sees it. */
export function stepIdOf(task: { id: number; steps?: { id: number; name: string }[] }, name: string): number {
  const step = task.steps?.find((s) => s.name === name);
  if (!step) throw new Error(`the task has no step "${name}"`);
  return step.id;
}
