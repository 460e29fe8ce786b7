// "My onboarding": the overall progress of the person's program as the page states it.
import type { Page } from "@playwright/test";
import { expect } from "../fixtures";

export class OnboardingPage {
  constructor(readonly page: Page) {}

  async goto() {
    await this.page.goto("/onboarding");
    await expect(this.page.getByRole("heading", { level: 1, name: "My onboarding" })).toBeVisible();
  }

  /** "19 of 24 tasks · 79%" → { done: 19, total: 24 } for the first (running) program. */
  async overallProgress(): Promise<{ done: number; total: number }> {
    const text = (await this.page.getByTestId("program-progress").first().textContent()) ?? "";
    const match = /(\d+)\D+(\d+)/.exec(text);
    expect(match, `progress text "${text}"`).not.toBeNull();
    return { done: Number(match?.[1]), total: Number(match?.[2]) };
  }
}
