// When a page is ready to be checked and photographed: its heading is shown, no loading placeholder
// is left in the main area, and the client has taken over (the header's live feed is connected).
// "networkidle" is no such signal: the live feed's WebSocket stays open, so the network never idles.
import type { Page } from "@playwright/test";
import { expect } from "./fixtures";

export async function expectReady(page: Page): Promise<void> {
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(page.locator("main .animate-pulse")).toHaveCount(0);
  const live = page.getByTestId("live-indicator");
  if ((await live.count()) > 0) await expect(live).toHaveAttribute("data-state", "connected");
}

/** Charts draw once their container is measured (again after a resize): each has its drawing or its empty note. */
export async function expectChartsDrawn(page: Page): Promise<void> {
  for (const chart of await page.locator("figure[data-testid^=chart-]").all()) await expect(chart.locator("svg.recharts-surface, p").first()).toBeVisible();
}
