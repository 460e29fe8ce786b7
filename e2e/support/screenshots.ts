// Screenshots of the main pages, written by the e2e run to e2e/screenshots/ (git-ignored) for a
// person to look at: one file per role, page, language, viewport and scheme.
import path from "node:path";
import type { Page } from "@playwright/test";

export const PHONE = { width: 390, height: 844 };
export const DESKTOP = { width: 1280, height: 900 };

export async function saveScreenshot(page: Page, name: { role: string; page: string; lang: string; viewport: "desktop" | "phone"; scheme?: "dark" }): Promise<void> {
  const file = [name.role, name.page, name.lang, name.viewport, name.scheme].filter(Boolean).join("-");
  await page.screenshot({ path: path.join("e2e", "screenshots", `${file}.png`), fullPage: true });
}
