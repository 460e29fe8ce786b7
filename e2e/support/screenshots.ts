// Screenshots of the main pages, written by the e2e run to e2e/screenshots/ (git-ignored) for a
// person to look at: one file per role, page, language, viewport and scheme. Each page is loaded
// once and then checked with axe and photographed on a desktop and on a phone.
import path from "node:path";
import type { Page } from "@playwright/test";
import { expectAccessible } from "./a11y";

export const PHONE = { width: 390, height: 844 };
export const DESKTOP = { width: 1280, height: 900 };
const VIEWPORTS = [
  ["desktop", DESKTOP],
  ["phone", PHONE],
] as const;

type ShotName = { role: string; page: string; lang: string; viewport: "desktop" | "phone"; scheme?: "dark" };

export async function saveScreenshot(page: Page, name: ShotName): Promise<void> {
  const file = [name.role, name.page, name.lang, name.viewport, name.scheme].filter(Boolean).join("-");
  await page.screenshot({ path: path.join("e2e", "screenshots", `${file}.png`), fullPage: true });
}

/**
 * The page as it is now, on a desktop and then on a phone, photographed on both and checked with
 * axe (no serious or critical violation): on the desktop in every language and scheme, on the
 * phone in English and light — the phone layout is the same in German, and dark mode changes
 * colours, not layout. `settle` waits for what a resize redraws (charts).
 */
export async function checkAndPhotograph(page: Page, name: Omit<ShotName, "viewport">, settle?: (page: Page) => Promise<void>): Promise<void> {
  for (const [viewport, size] of VIEWPORTS) {
    await page.setViewportSize(size);
    // Full-page shots of a scrolled page draw the sticky header mid-page.
    await page.evaluate(() => window.scrollTo(0, 0));
    if (settle) await settle(page);
    if (viewport === "desktop" || (name.lang === "en" && !name.scheme)) {
      await expectAccessible(page, `${name.role} ${name.page} (${name.lang}, ${viewport}${name.scheme ? `, ${name.scheme}` : ""})`);
    }
    await saveScreenshot(page, { ...name, viewport });
  }
  await page.setViewportSize(DESKTOP);
}
